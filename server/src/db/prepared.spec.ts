import { describe, expect, it } from 'vitest';
import { prepared, preparedShape, SHAPES_KEPT } from './prepared';

const nameOf = (statement: string) => (statement as unknown as { name?: string }).name;

describe('prepared statements', () => {
  it('go to pg as a name and a text, and log as their text', () => {
    const statement = prepared('plan68_x', 'SELECT 1');
    expect(statement).toMatchObject({ name: 'plan68_x', text: 'SELECT 1' });
    expect(String(statement)).toBe('SELECT 1');
  });

  it('of a run-time shape keep one name per text, and stop naming after 100 texts', () => {
    const first = preparedShape('plan68_shape', 'SELECT 0');
    expect(nameOf(first)).toMatch(/^plan68_shape_\d+$/);
    expect(preparedShape('plan68_shape', 'SELECT 0')).toBe(first);
    for (let i = 1; i < 100; i++)
      expect(nameOf(preparedShape('plan68_shape', `SELECT ${i}`))).toBeDefined();
    const beyond = preparedShape('plan68_shape', 'SELECT 100');
    expect(beyond).toBe('SELECT 100');
    // A text named before the bound keeps its name.
    expect(preparedShape('plan68_shape', 'SELECT 0')).toBe(first);
    const names = new Set(
      Array.from({ length: 100 }, (_, i) => nameOf(preparedShape('plan68_shape', `SELECT ${i}`))),
    );
    expect(names.size).toBe(100);
  });

  it('count each prefix apart: texts shaped by a caller cannot take the places of the others', () => {
    for (let i = 0; i <= SHAPES_KEPT; i++) preparedShape('plan68_callers', `SELECT ${i} AS n`);
    expect(preparedShape('plan68_callers', `SELECT -1 AS n`)).toBe('SELECT -1 AS n');
    expect(nameOf(preparedShape('plan68_every_request', 'SELECT 1 AS n'))).toBe(
      'plan68_every_request_0',
    );
  });
});
