import { describe, expect, it } from 'vitest';
import { f } from './field-spec';
import { normalizeInput } from './normalize';

const specs = {
  name: f.text(),
  note: f.longText({ optional: true }),
  quantity: f.int({ optional: true, min: 0, defaultValue: 0 }),
  ownerId: f.ref(() => Object as never, 'Owner', 'owner'),
};

describe('normalizeInput', () => {
  it('trims text to NFC and turns blank optional text into null', () => {
    const decomposed = 'Xua\u0302n'; // "Xuân" typed with a combining circumflex
    const { values, violations } = normalizeInput(
      specs,
      { name: `  ${decomposed}  `, note: '   ', ownerId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' },
      'create',
    );
    expect(violations).toEqual([]);
    expect(values).toEqual({
      name: 'Xuân',
      note: null,
      quantity: 0,
      ownerId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    });
  });

  it('reports every broken rule with its field at once', () => {
    const { violations } = normalizeInput(
      specs,
      { name: ' ', quantity: -1, ownerId: 'abc' },
      'create',
    );
    expect(violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'name:required',
      'quantity:min',
      'ownerId:exists',
    ]);
  });

  it('leaves absent fields alone on update but refuses clearing a required one', () => {
    expect(normalizeInput(specs, { note: 'x' }, 'update')).toMatchObject({
      values: { note: 'x' },
      violations: [],
    });
    expect(normalizeInput(specs, { name: null }, 'update').violations[0]).toMatchObject({
      field: 'name',
      rule: 'required',
    });
  });

  it('limits text length', () => {
    expect(normalizeInput(specs, { name: 'x'.repeat(256) }, 'update').violations[0]).toMatchObject({
      rule: 'maxLength',
    });
  });
});
