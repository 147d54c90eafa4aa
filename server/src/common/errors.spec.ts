import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { formatError } from './errors';
import { logger } from './logger';

/** An error as TypeORM raises it for a PostgreSQL failure with the given SQLSTATE. */
const databaseError = (code: string) =>
  Object.assign(new Error('invalid input syntax for type uuid: "abc"'), {
    name: 'QueryFailedError',
    driverError: { code },
    query: 'SELECT * FROM households WHERE id = $1',
  });

const format = (error: unknown) =>
  formatError(
    { message: 'x', path: ['field'] },
    new GraphQLError('x', { originalError: error as Error, path: ['field'] }),
  );

describe('formatError', () => {
  it('answers a value PostgreSQL refused (SQLSTATE class 22) as BAD_USER_INPUT, with no SQL in it', () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    for (const code of ['22P02', '22003', '22007', '22000']) {
      const formatted = format(databaseError(code));
      expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'invalidValue' });
      expect(JSON.stringify(formatted)).not.toMatch(/SELECT|households|uuid|abc/);
    }
  });

  it('masks any other database failure as INTERNAL_SERVER_ERROR with a request id', () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const formatted = format(databaseError('23505'));
    expect(formatted.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).toMatch(/^Internal error \(request [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|households|abc/);
  });

  it('answers a statement stopped at the statement timeout as TIMEOUT, and any other cancel as internal', () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const cancelled = (message: string) =>
      Object.assign(new Error(message), {
        name: 'QueryFailedError',
        driverError: { code: '57014', message },
        query: 'SELECT * FROM households WHERE head_name LIKE $1',
      });
    const timedOut = format(cancelled('canceling statement due to statement timeout'));
    expect(timedOut.extensions).toMatchObject({ code: 'TIMEOUT' });
    expect(timedOut.message).toMatch(/narrow it/);
    expect(JSON.stringify(timedOut)).not.toMatch(/SELECT|households|canceling/);
    for (const message of [
      'canceling statement due to user request',
      'canceling statement due to conflict with recovery',
    ])
      expect(format(cancelled(message)).extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
      });
  });
});
