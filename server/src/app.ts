import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { parse as parseCookie } from 'cookie';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { createContext, type RequestContext } from './common/context';
import { formatError } from './common/errors';
import { formatSurfaceError, graphqlSurface, type RoleRateLimits } from './common/graphql-limits';
import { logger } from './common/logger';
import { openAggregatePool } from './db/data-source';
import { resolveSession, sessionCookieName } from './modules/user/auth.service';
import { getSchema } from './schema';

export const MAX_BODY = '1mb';

export interface AppOptions {
  db: DataSource;
  production: boolean;
  /** Folder of the built admin SPA; not served when missing. */
  adminDir?: string | null;
  secureCookies?: boolean;
  /** GraphQL requests per minute per signed-in user, by role (default: ANALYST 600). */
  rateLimits?: RoleRateLimits;
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): the client address feeds
   * sign-in throttling and the access log, so behind a TLS proxy it must name that proxy.
   */
  trustProxy?: string;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** A cookie's value, or nothing: a malformed Cookie header is a visitor without a session. */
function readCookie(req: Request, name: string): string | undefined {
  return parseCookie(req.headers.cookie ?? '')[name];
}

/**
 * Browser protections for every answer: the admin loads only its own scripts, fonts and data (no
 * CDN, no inline script), may not be framed, and never sends its URL elsewhere. MUI (emotion)
 * writes its styles inline, so styles may be inline; nothing else may.
 */
function securityHeaders(production: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers keep HSTS for the host name: only behind TLS, i.e. in production.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** One HTTP server: GraphQL at /graphql, the admin SPA at /, health at /healthz. */
export async function createApp(options: AppOptions): Promise<App> {
  const app = express();
  const httpServer = http.createServer(app);
  // Depth, alias, directive, token and cost limits, one sign-in per request, introspection for
  // signed-in users only (production), per-role request rates: see common/graphql-limits.ts.
  const surface = graphqlSurface({
    production: options.production,
    rateLimits: options.rateLimits,
  });
  let closing: () => Promise<void> = () => Promise.resolve();
  const apollo = new ApolloServer<RequestContext>({
    schema: getSchema(),
    formatError: (formatted, error) =>
      formatSurfaceError(formatted, error, (f, e) => formatError(f, e, !options.production)),
    includeStacktraceInErrorResponses: !options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: true,
    // Production refuses anonymous introspection in a plugin (signed-in users may introspect).
    introspection: true,
    persistedQueries: false,
    validationRules: surface.validationRules,
    parseOptions: surface.parseOptions,
    // NOTE: Apollo re-raises the signal after stopping; main.ts owns one idempotent shutdown instead.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        // The aggregate pool closes with the server, after requests in flight are done.
        async serverWillStart() {
          return Promise.resolve({
            async serverWillStop() {
              await closing();
            },
          });
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      // PERF: the default cache-control plugin wraps every field resolver; we send no cache hints.
      ApolloServerPluginCacheControlDisabled(),
      ...surface.plugins,
      {
        // The request's transaction commits before the answer leaves, so a client never sees a
        // success that was not saved.
        requestDidStart() {
          return Promise.resolve({
            async willSendResponse({ contextValue }) {
              await contextValue.finish();
            },
          });
        },
      },
    ],
  });
  await apollo.start();
  const aggregates = await openAggregatePool(options.db);
  closing = async () => {
    if (aggregates.isInitialized) await aggregates.destroy();
  };

  app.disable('x-powered-by');
  app.use(securityHeaders(options.production));
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  app.get('/healthz', async (_req, res) => {
    try {
      await options.db.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const session = await resolveSession(
          options.db,
          readCookie(req, sessionCookieName(options.secureCookies ?? false)),
        );
        const context = await createContext(
          options.db,
          session,
          { req, res },
          options.secureCookies ?? false,
          aggregates,
        );
        // NOTE: a request Apollo rejects before its pipeline runs never reaches willSendResponse.
        res.once('close', () => void context.finish().catch(() => undefined));
        return context;
      },
    }),
  );

  const adminDir = options.adminDir;
  if (adminDir && existsSync(path.join(adminDir, 'index.html'))) {
    app.use(express.static(adminDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(adminDir, 'index.html')));
  }

  // Errors before GraphQL runs (a body over the limit, malformed JSON) still answer in GraphQL's shape.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status ?? 500;
      if (status >= 500) logger.error('http error', { error: error.message });
      const rule =
        error.type === 'entity.too.large'
          ? 'maxBodySize'
          : error.type === 'entity.parse.failed'
            ? 'json'
            : 'request';
      res.status(status).json({
        errors: [
          {
            message:
              rule === 'maxBodySize'
                ? `The request is larger than ${MAX_BODY}`
                : status >= 500
                  ? 'Internal error'
                  : 'The request could not be read',
            extensions: {
              code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT',
              rule,
              ...(rule === 'maxBodySize' ? { limit: MAX_BODY } : {}),
            },
          },
        ],
      });
    },
  );

  return { httpServer, apollo };
}
