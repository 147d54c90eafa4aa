import type { NextFunction, Request, Response } from 'express';
import { BREAK, Kind, parse, valueFromASTUntyped, visit, type DocumentNode } from 'graphql';
import { GRAPHQL_LIMITS } from './graphql-limits';
import { logger } from './logger';
import { exportPlaces } from './metrics';
import { EXPORT_SIZE } from './personal-data';
import { WorkSlots, type WorkSlotLimits } from './work-slots';

/**
 * Exports (a page of more than EXPORT_SIZE rows, the access log's own test of an export) and
 * household imports build their answers two at a time per process; the rest wait their turn, up
 * to a minute, before they hold a database connection. Measured on the bench data: one 1,000-row
 * export of the admin's household list takes the server from about 130 to 280 MB resident, ten at
 * once to 1.3 GB; under a 96 MB heap cap, two at once aborted the process.
 */
export const DEFAULT_EXPORT_SLOTS: WorkSlotLimits = {
  concurrent: 2,
  waiting: 100,
  waitMs: 60_000,
};

/** Seconds a refused export is told to wait before trying again. */
const RETRY_AFTER = 10;

/** Root fields that are heavy work whatever their arguments. */
const HEAVY_FIELDS = new Set(['importHouseholds']);

/** Whether a document asks for heavy work: an export page anywhere in it, or an import. */
export function asksHeavyWork(document: DocumentNode, variables: Record<string, unknown>): boolean {
  // A variable the request leaves out takes its default from the document.
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? [])
      if (variable.defaultValue)
        values[variable.variable.name.value] = valueFromASTUntyped(variable.defaultValue);
  }
  Object.assign(values, variables);
  let heavy = false;
  visit(document, {
    Field(node) {
      if (HEAVY_FIELDS.has(node.name.value)) heavy = true;
      return heavy ? BREAK : undefined;
    },
    Argument(node) {
      if (node.name.value !== 'perPage') return undefined;
      const perPage = valueFromASTUntyped(node.value, values);
      if (typeof perPage === 'number' && perPage > EXPORT_SIZE) heavy = true;
      return heavy ? BREAK : undefined;
    },
  });
  return heavy;
}

/** The operation of a POST body or a GET query string, if it is one that could be heavy. */
function heavyRequest(req: Request): boolean {
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | null;
  const query = source?.query;
  // PERF: only a document that names a page size or an import is parsed a second time here.
  if (typeof query !== 'string' || !/perPage|importHouseholds/.test(query)) return false;
  let variables: unknown = source?.variables ?? {};
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return false;
    }
  }
  if (!variables || typeof variables !== 'object') return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: GRAPHQL_LIMITS.maxTokens });
  } catch {
    // Apollo answers what cannot be parsed, as it does for everything else.
    return false;
  }
  return asksHeavyWork(document, variables as Record<string, unknown>);
}

/**
 * Express middleware in front of /graphql: a heavy request takes one of the places before its
 * context (and its database connection) is made, and gives it back when its answer has left or
 * its client has gone. Whoever finds every place taken and the waiting room full, or waits longer
 * than allowed, gets 503 BUSY with Retry-After.
 */
export function exportGate(limits: WorkSlotLimits = DEFAULT_EXPORT_SLOTS) {
  const slots = new WorkSlots(limits);
  const report = () => {
    exportPlaces.set({ state: 'running' }, slots.state.running);
    exportPlaces.set({ state: 'waiting' }, slots.state.waiting);
  };
  report();
  return (req: Request, res: Response, next: NextFunction) => {
    if (!heavyRequest(req)) {
      next();
      return;
    }
    const waited = slots.acquire();
    report();
    void waited.then((granted) => {
      report();
      const release = granted
        ? () => {
            granted();
            report();
          }
        : null;
      if (release) {
        // The client may have left while it waited: the place goes back at once then.
        if (res.closed) release();
        else {
          res.once('close', release);
          next();
        }
        return;
      }
      logger.warn('export refused: every place is taken', slots.state);
      res.setHeader('Retry-After', String(RETRY_AFTER));
      res.status(503).json({
        errors: [
          {
            message: 'The server is building other exports; try again in a few seconds',
            extensions: {
              code: 'BUSY',
              rule: 'exportSlots',
              retryAfter: RETRY_AFTER,
              requestId: res.getHeader('X-Request-Id'),
            },
          },
        ],
      });
    });
  };
}
