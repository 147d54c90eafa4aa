import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import { parse as parseCookie } from 'cookie';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Kind } from 'graphql';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { createContext, type RequestContext } from './common/context';
import { formatError } from './common/errors';
import { formatSurfaceError, graphqlSurface, type RoleRateLimits } from './common/graphql-limits';
import { exportGate } from './common/export-gate';
import type { WorkSlotLimits } from './common/work-slots';
import { logger } from './common/logger';
import { newRequestId, requestIdOfError, tagError } from './common/request-id';
import { latency, registry, replicaReads, requests, watchPool } from './common/metrics';
import { readsFromReplica } from './common/read-routing';
import { openAggregatePool } from './db/data-source';
import { ReadReplica } from './db/read-replica';
import { resolveSession, sessionCookieName, sessionKeyOf } from './modules/user/auth.service';
import { getSchema } from './schema';

export const MAX_BODY = '1mb';

/** The analysts' GraphiQL page, built beside the admin's index.html (admin/console.html). */
const CONSOLE_PAGE = 'console.html';

export interface AppOptions {
  db: DataSource;
  production: boolean;
  /** Folder of the built admin SPA; not served when missing. */
  adminDir?: string | null;
  secureCookies?: boolean;
  /** GraphQL requests per minute per signed-in user, by role (default: ANALYST 600). */
  rateLimits?: RoleRateLimits;
  /** Exports and imports at once, waiting, and how long (default DEFAULT_EXPORT_SLOTS). */
  exportSlots?: WorkSlotLimits;
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): the client address feeds
   * sign-in throttling and the access log, so behind a TLS proxy it must name that proxy.
   */
  trustProxy?: string;
  /** A server already listening (main.ts binds the port before anything else); made if absent. */
  httpServer?: http.Server;
  /** Whether the database is there (the embedded one may be restarting): readiness reports it. */
  database?: () => 'ok' | 'restarting';
  /**
   * A hot standby of `db`'s database, signed in as the same role (see replicaUrl): dashboards and
   * analysts' queries read there (common/read-routing.ts). Unset: everything runs on `db`.
   */
  readDatabaseUrl?: string | null;
  /** How often a replica that is down is tried again (default 5 s). */
  replicaRetryMs?: number;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /**
   * Stops taking requests, lets those in flight finish (at most 2 seconds, then cuts them), and
   * closes the server's own pools. Answers sent meanwhile close their connection.
   */
  stop(): Promise<void>;
}

/** The id the first middleware gave the request (X-Request-Id). */
const requestIdOf = (res: Response): string => (res.locals as { requestId: string }).requestId;

/** Where a request went, for metrics (never the raw path: it would grow without bound). */
const routeOf = (path: string) =>
  path.startsWith('/graphql')
    ? 'graphql'
    : ['/livez', '/readyz', '/healthz', '/metrics'].includes(path)
      ? path.slice(1)
      : path.startsWith('/assets/') || path === '/' || path === '/console'
        ? 'admin'
        : 'other';

/** What the GraphQL layer learnt about a request, for its log line and metrics. */
interface GraphQLOutcome {
  operation?: string;
  codes?: string[];
  userId?: string;
  username?: string;
  role?: string;
}

/** A cookie's value, or nothing: a malformed Cookie header is a visitor without a session. */
function readCookie(req: Request, name: string): string | undefined {
  return parseCookie(req.headers.cookie ?? '')[name];
}

/**
 * The admin's assets as the build compressed them (`x.js.br`, `x.js.gz` beside `x.js`, see
 * admin/vite.config.ts), for clients that accept them; anything else falls through to the static
 * files, compressed on the fly.
 */
function precompressedAssets(assetsDir: string) {
  const files = new Set(existsSync(assetsDir) ? readdirSync(assetsDir) : []);
  const suffixes: Record<string, string> = { br: '.br', gzip: '.gz' };
  return (req: Request, res: Response, next: NextFunction) => {
    const name = req.path.slice(1);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !files.has(name)) {
      next();
      return;
    }
    res.vary('Accept-Encoding');
    const encoding = req.acceptsEncodings('br', 'gzip');
    const suffix = encoding ? suffixes[encoding] : undefined;
    if (!encoding || !suffix || !files.has(name + suffix)) {
      next();
      return;
    }
    res.type(path.extname(name));
    res.setHeader('Content-Encoding', encoding);
    res.sendFile(name + suffix, { root: assetsDir, maxAge: '1h' }, (error) => {
      if (error) next(error);
    });
  };
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

/**
 * One HTTP server: GraphQL at /graphql, the admin SPA at /, liveness at /livez, readiness at /readyz
 * (and /healthz), Prometheus metrics at /metrics; anything else is 404. One JSON log line per
 * request, with its request id (also sent back as X-Request-Id and in every error).
 */
export async function createApp(options: AppOptions): Promise<App> {
  const app = express();
  const httpServer = options.httpServer ?? http.createServer();
  httpServer.on('request', app);
  let draining = false;
  /**
   * Requests whose GraphQL operation is under way: their connection is theirs until it ends.
   * NOTE: known by their `finish`, not by the context object: Apollo runs each operation on a
   * shallow copy of the context, so a set of contexts never recognised a running operation (a
   * client hanging up released the connection under it: its later statements failed, or ran
   * after the commit, and the access log missed what it had read).
   */
  const inPipeline = new WeakSet<RequestContext['finish']>();
  // Depth, alias, directive, token and cost limits, one sign-in per request, introspection for
  // signed-in users only (production), per-role request rates: see common/graphql-limits.ts.
  const surface = graphqlSurface({
    production: options.production,
    rateLimits: options.rateLimits,
  });
  let closing: () => Promise<void> = () => Promise.resolve();
  const apollo = new ApolloServer<RequestContext>({
    schema: getSchema(),
    // Every error names its request, as the log lines and the X-Request-Id header do.
    formatError: (formatted, error) => {
      const answer = formatSurfaceError(formatted, error, (f, e) =>
        formatError(f, e, !options.production),
      );
      const requestId = requestIdOfError(error);
      return requestId ? { ...answer, extensions: { ...answer.extensions, requestId } } : answer;
    },
    includeStacktraceInErrorResponses: !options.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: true,
    // Production refuses anonymous introspection in a plugin (signed-in users may introspect).
    introspection: true,
    persistedQueries: false,
    // Apollo's own messages are JSON lines like ours, not console text.
    logger: {
      debug: (message: string) => logger.debug(String(message)),
      info: (message: string) => logger.info(String(message)),
      warn: (message: string) => logger.warn(String(message)),
      error: (message: string) => logger.error(String(message)),
    },
    validationRules: surface.validationRules,
    parseOptions: surface.parseOptions,
    // NOTE: Apollo re-raises the signal after stopping; main.ts owns one idempotent shutdown instead.
    stopOnTerminationSignals: false,
    plugins: [
      {
        // Before the HTTP server drains: from now on answers close their connection, and a
        // request arriving on a kept-alive one is refused without running (it would be cut).
        async serverWillStart() {
          return Promise.resolve({
            async drainServer() {
              draining = true;
              return Promise.resolve();
            },
          });
        },
      },
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 2_000 }),
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
        // success that was not saved. Its operation and result go to its log line and metrics.
        requestDidStart({ contextValue }) {
          inPipeline.add(contextValue.finish);
          const outcome = (contextValue.res?.locals as { graphql?: GraphQLOutcome } | undefined)
            ?.graphql;
          if (outcome && contextValue.user) {
            outcome.userId = contextValue.user.id;
            outcome.username = contextValue.user.username;
            outcome.role = contextValue.user.role;
          }
          return Promise.resolve({
            async didResolveOperation({ operationName, operation }) {
              if (outcome) {
                const fields = (operation?.selectionSet.selections ?? []).map((field) =>
                  field.kind === Kind.FIELD ? field.name.value : '…',
                );
                outcome.operation = operationName ?? fields.join(',');
              }
              return Promise.resolve();
            },
            // Each error's answer and log line name the request (formatError reads the tag).
            async didEncounterErrors({ errors }) {
              const requestId = contextValue.requestId;
              if (requestId) for (const error of errors) tagError(error, requestId);
              return Promise.resolve();
            },
            async willSendResponse({ contextValue: ctx, response }) {
              if (outcome && response.body.kind === 'single') {
                const codes = (response.body.singleResult.errors ?? []).map((e) =>
                  typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR',
                );
                outcome.codes = [...new Set(codes)];
              }
              try {
                await ctx.finish();
              } finally {
                inPipeline.delete(ctx.finish);
              }
            },
          });
        },
      },
    ],
  });
  await apollo.start();
  const aggregates = await openAggregatePool(options.db);
  let replica: ReadReplica | null = null;
  if (options.readDatabaseUrl) {
    const [{ role }] = (await options.db.query('SELECT current_user AS role')) as {
      role: string;
    }[];
    replica = new ReadReplica(options.readDatabaseUrl, role!, {
      retryMs: options.replicaRetryMs,
    });
    await replica.start();
  }
  closing = async () => {
    await replica?.close();
    if (aggregates.isInitialized) await aggregates.destroy();
  };

  watchPool('requests', options.db);
  watchPool('aggregates', aggregates);

  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  // First of all: the request's id, its log line and metrics, and the drain.
  app.use((req, res, next) => {
    const requestId = newRequestId(req);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    const outcome: GraphQLOutcome = {};
    res.locals.graphql = outcome;
    if (draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      res.status(503).json({
        errors: [
          { message: 'The server is stopping', extensions: { code: 'UNAVAILABLE', requestId } },
        ],
      });
      return;
    }
    // An answer given while the server drains closes its connection: a kept-alive client must
    // not send its next request on it only to have it cut.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (draining && !res.headersSent) res.setHeader('Connection', 'close');
      return writeHead(...args);
    }) as typeof res.writeHead;
    /** The request's log line and metrics, once: when its answer has left or its client has. */
    const record = (aborted: boolean) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // NOTE: inside a mounted router req.path is relative; originalUrl is what was asked.
      const requestPath = req.originalUrl.split('?')[0]!;
      const route = routeOf(requestPath);
      const operation = outcome.operation ?? '';
      // 499, as proxies write it: the client closed the connection before the whole answer left.
      const status = aborted ? 499 : res.statusCode;
      const result = aborted
        ? 'aborted'
        : status >= 400 || !outcome.codes
          ? String(status)
          : outcome.codes.length === 0
            ? 'ok'
            : outcome.codes.join(',');
      requests.inc({ route, operation, result });
      latency.observe({ route, operation }, seconds);
      const line = {
        requestId,
        method: req.method,
        path: requestPath,
        status,
        durationMs: Math.round(seconds * 1000),
        ...(operation ? { operation } : {}),
        ...(outcome.codes || aborted ? { result } : {}),
        ...(outcome.userId
          ? { user: outcome.username, userId: outcome.userId, role: outcome.role }
          : {}),
      };
      if (route === 'other' || route === 'graphql' || status >= 500 || aborted) {
        logger.info('request', line);
      } else {
        logger.debug('request', line);
      }
    };
    // Once, whichever comes first: a response can close without its 'finish' ever coming, and a
    // request whose client left first had no line at all (load balancers' timeouts, closed tabs).
    let recorded = false;
    const recordOnce = () => {
      if (recorded) return;
      recorded = true;
      record(!res.writableFinished);
    };
    res.once('finish', recordOnce);
    res.once('close', recordOnce);
    next();
  });
  // PERF: scripts shrink to about a quarter and API answers to a tenth: offices on slow links wait
  // for bytes, not for the CPU. Brotli when the client offers it (quality 4: fast), else gzip.
  app.use(compression());
  app.use(securityHeaders(options.production));

  app.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const ready = async (_req: Request, res: Response) => {
    const problems: string[] = [];
    if (options.database?.() === 'restarting') problems.push('database restarting');
    else {
      try {
        // As the app role, as requests run: it can read, and the schema is the code's.
        await options.db.query('SELECT 1 FROM organizations LIMIT 1');
        const [latest] = (await options.db.query(
          'SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1',
        )) as { name: string }[];
        const expected = (options.db.migrations.at(-1) as { name?: string } | undefined)?.name;
        if (latest?.name !== expected) problems.push(`migrations not current (${latest?.name})`);
      } catch (error) {
        problems.push(`database: ${(error as Error).message}`);
      }
    }
    // A replica that is down is no reason to stop sending traffic here: reads fall back.
    const replicaStatus = replica ? { replica: await replica.status() } : {};
    res
      .status(problems.length ? 503 : 200)
      .json(
        problems.length
          ? { status: 'unavailable', problems, ...replicaStatus }
          : { status: 'ok', ...replicaStatus },
      );
  };
  app.get('/readyz', ready);
  app.get('/healthz', ready);
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  // Exactly /graphql: /graphql/anything is an unknown path (404), like any other.
  app.all(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    exportGate(options.exportSlots),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return await requestContext(req, res);
        } catch (error) {
          // Apollo answers a failed context itself, through formatError: it names the request too.
          tagError(error, requestIdOf(res));
          throw error;
        }
      },
    }),
  );
  async function requestContext(req: Request, res: Response): Promise<RequestContext> {
    const token = readCookie(req, sessionCookieName(options.secureCookies ?? false));
    const common = {
      http: { req, res },
      secureCookies: options.secureCookies,
      requestId: requestIdOf(res),
    };
    let context: RequestContext | null = null;
    // Whether the replica may answer depends on the role: its session is looked up first, on
    // the primary always (the lookup touches the session's idle timer, a write).
    const session = replica ? await resolveSession(options.db, token) : undefined;
    if (replica && readsFromReplica(req.body, session?.user.role)) {
      const pools = replica.pools();
      if (pools) {
        try {
          context = await createContext({
            ...common,
            session,
            db: pools.requests,
            aggregates: pools.aggregates,
            primary: options.db,
          });
          replicaReads.inc({ served_by: 'replica' });
        } catch (error) {
          replica.markDown(error as Error);
        }
      }
      if (!context) replicaReads.inc({ served_by: 'primary' });
    }
    context ??= await createContext({
      ...common,
      // PERF: without a replica, the session is looked up by the statement opening the request.
      ...(session === undefined ? { sessionKey: sessionKeyOf(token) } : { session }),
      db: options.db,
      aggregates,
    });
    // NOTE: a request Apollo rejects before its pipeline runs never reaches willSendResponse:
    // its connection goes back when the response closes. One whose client went away while
    // its operation runs keeps the connection until the operation ends (willSendResponse):
    // releasing it under running resolvers failed them all. 30 s is the statement timeout.
    res.once('close', () => {
      const finish = () => void context.finish().catch(() => undefined);
      if (inPipeline.has(context.finish)) setTimeout(finish, 30_000).unref();
      else finish();
    });
    return context;
  }

  const adminDir = options.adminDir;
  if (adminDir && existsSync(path.join(adminDir, CONSOLE_PAGE))) {
    // The analysts' console is for signed-in users: anyone else is sent to the sign-in page. Its
    // page is only ever served here, never as a static file.
    app.get(['/console', `/${CONSOLE_PAGE}`], async (req, res, next) => {
      try {
        const session = await resolveSession(
          options.db,
          readCookie(req, sessionCookieName(options.secureCookies ?? false)),
        );
        if (!session) {
          res.redirect(303, '/#/login');
          return;
        }
        if (req.path !== '/console') {
          res.redirect(301, '/console');
          return;
        }
        res.setHeader('Cache-Control', 'no-store');
        res.sendFile(CONSOLE_PAGE, { root: adminDir });
      } catch (error) {
        next(error);
      }
    });
  }
  if (adminDir && existsSync(path.join(adminDir, 'index.html'))) {
    app.use('/assets', precompressedAssets(path.join(adminDir, 'assets')));
    // The admin routes by the URL's hash (/#/Household): its only page is /.
    app.use(express.static(adminDir, { index: 'index.html', maxAge: '1h' }));
  }
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Errors before GraphQL runs (a body over the limit, malformed JSON) still answer in GraphQL's shape.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status ?? 500;
      if (status >= 500) {
        logger.error('http error', { requestId: requestIdOf(res), error: error.message });
      }
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

  return {
    httpServer,
    apollo,
    async stop() {
      draining = true;
      await apollo.stop();
    },
  };
}
