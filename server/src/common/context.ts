import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Loaders } from './loaders';
import type { Role } from './roles';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** Everything a resolver or service needs to know about the request it serves. */
export interface RequestContext {
  db: DataSource;
  user: SessionUser | null;
  sessionId: string | null;
  loaders: Loaders;
  req?: Request;
  res?: Response;
  /** Whether the session cookie is marked Secure (behind TLS in production). */
  secureCookies: boolean;
}

export function createContext(
  db: DataSource,
  session: { user: SessionUser; sessionId: string } | null,
  http?: { req: Request; res: Response },
  secureCookies = false,
): RequestContext {
  return {
    db,
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    loaders: new Loaders(db),
    req: http?.req,
    res: http?.res,
    secureCookies,
  };
}
