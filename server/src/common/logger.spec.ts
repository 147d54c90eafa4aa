import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from './logger';

/** What the logger wrote to stderr while `work` ran, one parsed JSON object per line. */
function captured(work: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('log lines', () => {
  const previous = process.env.LOG_LEVEL;
  beforeEach(() => {
    process.env.LOG_LEVEL = 'debug';
  });
  afterEach(() => {
    process.env.LOG_LEVEL = previous;
  });

  it('never hold a password, a hash, a token or a citizen ID, by key or by value', () => {
    const [line] = captured(() =>
      logger.warn('query failed: invalid input syntax for type uuid: "079123456789"', {
        password: 'mat-khau-bi-mat-1',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        token: 'tok_0123456789abcdef',
        request: { cookie: 'plan68_session=abc', citizenId: '079123456789' },
        query: "ALTER ROLE plan68_app WITH LOGIN PASSWORD 'hai-mat-khau'",
        detail: 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345',
        note: 'hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA in text',
      }),
    );
    const text = JSON.stringify(line);
    for (const secret of [
      'mat-khau-bi-mat-1',
      'c2FsdA$aGFzaA',
      'tok_0123456789abcdef',
      'plan68_session=abc',
      '079123456789',
      'hai-mat-khau',
      'abcdefghijklmnopqrstuvwxyz012345',
    ])
      expect(text, secret).not.toContain(secret);
    // What is not secret stays readable.
    expect(line).toMatchObject({ level: 'warn', message: expect.stringContaining('query failed') });
    expect(line!.query).toContain('ALTER ROLE plan68_app WITH LOGIN PASSWORD');
  });

  it('follow LOG_LEVEL at each line, and the notices come whatever it says', () => {
    const lines = captured(() => {
      process.env.LOG_LEVEL = 'error';
      logger.warn('hidden');
      logger.notice('plan68 is ready');
      logger.error('shown');
    });
    expect(lines.map((l) => l.message)).toEqual(['plan68 is ready', 'shown']);
  });
});
