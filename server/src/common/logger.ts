import pino from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

function level(): pino.LevelWithSilent {
  const configured = process.env.LOG_LEVEL as Level | undefined;
  if (configured && LEVELS.includes(configured)) return configured;
  return process.env.VITEST ? 'silent' : 'info';
}

/**
 * What never belongs in a log line, whoever wrote it: passwords in SQL, argon2 hashes, bearer
 * tokens, session ids and 12-digit citizen IDs. Keys holding secrets are dropped by `redact`.
 */
const SECRETS: [RegExp, string][] = [
  [/(PASSWORD\s+)'(?:[^']|'')*'/gi, "$1'***'"],
  // Its parameters hold commas (m=19456,t=2,p=1): the hash runs to the next space or quote.
  [/\$argon2(?:id|i|d)\$[^\s"']+/g, '$argon2***'],
  [/\b(Bearer\s+|token[=:]\s*)[A-Za-z0-9._~+/-]{16,}=*/gi, '$1***'],
  [/\b\d{12}\b/g, '************'],
];

export function scrub(text: string): string {
  return SECRETS.reduce(
    (value, [pattern, replacement]) => value.replace(pattern, replacement),
    text,
  );
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      scrubbed(item, depth + 1),
    ]),
  );
}

const SECRET_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'token',
  'tokenHash',
  'token_hash',
  'citizenId',
  'citizen_id',
  'legacyIdNumber',
  'cookie',
  'authorization',
];

const base = pino(
  {
    level: level(),
    messageKey: 'message',
    base: { service: 'plan68' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      // A line written for a request names it in its fields (`requestId`): see request-id.ts.
      log: (fields) => scrubbed(fields) as Record<string, unknown>,
    },
    redact: {
      paths: [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`)],
      censor: '***',
    },
  },
  // NOTE: through process.stderr, so a test can read what was written.
  process.stderr,
);

const write =
  (at: Level) =>
  (message: string, fields?: Record<string, unknown>): void => {
    // LOG_LEVEL is read at each line: tests turn it up for a moment.
    base.level = level();
    base[at](fields ?? {}, scrub(message));
  };

/** Structured JSON lines on stderr (pino); quiet in tests unless LOG_LEVEL asks otherwise. */
export const logger = {
  debug: write('debug'),
  info: write('info'),
  warn: write('warn'),
  error: write('error'),
  /** A line the operator needs whatever LOG_LEVEL says (where the server listens, why it stops). */
  notice(message: string, fields?: Record<string, unknown>): void {
    base.level = 'info';
    base.info(fields ?? {}, scrub(message));
    base.level = level();
  },
};

/**
 * Node's own warnings (deprecations, experimental features) become JSON lines too: a log
 * collector reads one format. Called once by the server's entry point.
 */
export function routeProcessWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    logger.warn(warning.message, {
      warning: warning.name,
      code: (warning as { code?: string }).code,
    });
  });
}
