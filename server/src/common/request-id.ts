import { randomUUID } from 'node:crypto';
import type http from 'node:http';

/**
 * Which request an error was raised for, so its answer and its log line name the request the
 * X-Request-Id header names.
 * PERF: errors are tagged where their request is known, not found through AsyncLocalStorage: on
 * Node 20 that turns on promise hooks for every promise of every request, and removing it raised
 * the households page from 100 to 116 req/s (three interleaved rounds, 16 connections).
 */
const requestOfError = new WeakMap<object, string>();

/** A request id a caller or proxy sent, if it is a sane one; otherwise one of our own. */
export function newRequestId(req: http.IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(sent) ? sent : randomUUID();
}

export function tagError(error: unknown, requestId: string): void {
  if (typeof error === 'object' && error !== null) requestOfError.set(error, requestId);
}

/** The request an error, or an error it wraps (a resolver's, a failed context's), was tagged with. */
export function requestIdOfError(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 5; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const tagged = requestOfError.get(current);
    if (tagged) return tagged;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
