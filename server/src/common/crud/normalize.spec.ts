import { describe, expect, it } from 'vitest';
import { f } from './field-spec';
import { isUuid, normalizeInput } from './normalize';

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

const NEEDS = { CAPITAL: 'CAPITAL', HOUSING: 'HOUSING', SKILLS: 'SKILLS' };
const join = { table: 't', ownerColumn: 'o', targetColumn: 'g', filterName: 'sponsorId' };
const CAPS = { regex: /^[A-Z]+$/, rule: 'capitals', message: 'capital letters only' };
const ID_A = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const ID_B = 'A987FBC9-4BED-3078-CF07-9141BA07C9F3'; // upper case is the same id
const all = {
  name: f.text(),
  code: f.text({ optional: true, max: 5, pattern: CAPS }),
  note: f.longText({ optional: true }),
  quantity: f.int({ optional: true, min: 1, max: 10, defaultValue: 5 }),
  count: f.int({ optional: true }),
  amount: f.money({ optional: true }),
  startDate: f.date({ optional: true }),
  active: f.bool({ optional: true, defaultValue: true }),
  status: f.enumOf(NEEDS, 'Need', { optional: true }),
  needs: f.enumsOf(NEEDS, 'Need', { optional: true }),
  mainNeeds: f.enumsOf(NEEDS, 'Need'),
  ownerId: f.ref(() => Object as never, 'Owner', 'owner'),
  helperId: f.ref(() => Object as never, 'Owner', 'helper', { optional: true }),
  sponsorIds: f.refs(() => Object as never, 'Org', 'sponsors', join, { optional: true }),
  donorIds: f.refs(() => Object as never, 'Org', 'donors', join),
};
const valid = { name: 'Hộ ông Ba', mainNeeds: ['CAPITAL'], ownerId: ID_A, donorIds: [ID_A] };
const violationsOf = (input: Record<string, unknown>, mode: 'create' | 'update' = 'create') =>
  normalizeInput(all, input, mode).violations;
const only = (field: string, input: unknown) =>
  violationsOf({ ...valid, [field]: input }).filter((v) => v.field === field);

describe('normalizeInput: creating', () => {
  it('reports every missing required field and fills the optional ones with their empty value', () => {
    expect(normalizeInput(all, {}, 'create')).toStrictEqual({
      values: {
        code: null,
        note: null,
        quantity: 5,
        count: null,
        amount: null,
        startDate: null,
        active: true,
        status: null,
        needs: [],
        helperId: null,
      },
      lists: { sponsorIds: [] },
      violations: ['name', 'mainNeeds', 'ownerId', 'donorIds'].map((field) => ({
        field,
        rule: 'required',
        message: 'is required',
      })),
    });
  });

  it('takes a complete, valid record as it is', () => {
    const input = {
      name: 'Hộ ông Ba',
      code: 'AB',
      note: 'Ghi chú',
      quantity: 7,
      count: 3,
      amount: 150000,
      startDate: '2014-06-01',
      active: false,
      status: 'HOUSING',
      needs: ['HOUSING'],
      mainNeeds: ['CAPITAL'],
      ownerId: ID_A,
      helperId: ID_B,
      sponsorIds: [ID_B],
      donorIds: [ID_A, ID_B],
    };
    const { sponsorIds, donorIds, ...columns } = input;
    expect(normalizeInput(all, input, 'create')).toStrictEqual({
      values: columns,
      lists: { sponsorIds, donorIds },
      violations: [],
    });
  });

  it('treats undefined and null alike: both are missing', () => {
    expect(violationsOf({ ...valid, name: undefined })).toEqual([
      { field: 'name', rule: 'required', message: 'is required' },
    ]);
    expect(violationsOf({ ...valid, name: null })).toEqual([
      { field: 'name', rule: 'required', message: 'is required' },
    ]);
  });
});

describe('normalizeInput: updating', () => {
  it('changes nothing for absent fields, required or not', () => {
    expect(normalizeInput(all, {}, 'update')).toStrictEqual({
      values: {},
      lists: {},
      violations: [],
    });
    expect(normalizeInput(all, { count: 2 }, 'update')).toStrictEqual({
      values: { count: 2 },
      lists: {},
      violations: [],
    });
  });

  it('clears optional fields given null, to their empty value, and refuses clearing required ones', () => {
    const cleared = Object.fromEntries(Object.keys(all).map((field) => [field, null]));
    expect(normalizeInput(all, cleared, 'update')).toStrictEqual(normalizeInput(all, {}, 'create'));
  });
});

describe('normalizeInput: text', () => {
  it('trims both ends and compares in NFC, so a decomposed accent counts as one character', () => {
    expect(normalizeInput(all, { note: '\t Ghi chú \n' }, 'update').values).toEqual({
      note: 'Ghi chú',
    });
    // "Xuân" typed with a combining circumflex is five code units, four characters in NFC.
    const short = { label: f.text({ max: 4 }) };
    expect(normalizeInput(short, { label: ' Xua\u0302n ' }, 'create')).toStrictEqual({
      values: { label: 'Xuân' },
      lists: {},
      violations: [],
    });
  });

  it('allows exactly the maximum length and names the limit when it is passed', () => {
    expect(only('name', 'x'.repeat(255))).toEqual([]);
    expect(only('name', 'x'.repeat(256))).toEqual([
      {
        field: 'name',
        rule: 'maxLength',
        message: 'must be at most 255 characters',
        params: { max: 255 },
      },
    ]);
    expect(only('note', 'x'.repeat(10_000))).toEqual([]);
    expect(only('note', 'x'.repeat(10_001))).toMatchObject([
      { rule: 'maxLength', params: { max: 10_000 } },
    ]);
  });

  it('checks a format with its own rule and message, before the length', () => {
    expect(only('code', 'ABCDE')).toEqual([]);
    expect(only('code', 'abc')).toEqual([
      { field: 'code', rule: 'capitals', message: 'capital letters only' },
    ]);
    expect(only('code', 'abcdef')).toEqual([
      { field: 'code', rule: 'capitals', message: 'capital letters only' },
    ]);
    expect(only('code', 'ABCDEF')).toEqual([
      {
        field: 'code',
        rule: 'maxLength',
        message: 'must be at most 5 characters',
        params: { max: 5 },
      },
    ]);
  });

  it('reads blank optional text as empty and blank required text as missing', () => {
    expect(normalizeInput(all, { ...valid, code: ' \t ' }, 'create').values.code).toBeNull();
    expect(only('name', '   ')).toEqual([
      { field: 'name', rule: 'required', message: 'is required' },
    ]);
  });
});

describe('normalizeInput: numbers', () => {
  it('keeps a whole number within its bounds, both bounds included', () => {
    expect(only('quantity', 1)).toEqual([]);
    expect(only('quantity', 10)).toEqual([]);
    expect(only('quantity', 0)).toEqual([
      { field: 'quantity', rule: 'min', message: 'must be at least 1', params: { min: 1 } },
    ]);
    expect(only('quantity', 11)).toEqual([
      { field: 'quantity', rule: 'max', message: 'must be at most 10', params: { max: 10 } },
    ]);
  });

  it('sets no bound on a whole number declared without one', () => {
    expect(only('count', -5)).toEqual([]);
    expect(only('count', 2_000_000_000)).toEqual([]);
  });

  it('refuses negative money, takes zero, and one amount up to one trillion đồng', () => {
    expect(only('amount', 0)).toEqual([]);
    expect(only('amount', 1_000_000_000_000)).toEqual([]);
    expect(only('amount', 1_000_000_000_001)).toEqual([
      {
        field: 'amount',
        rule: 'max',
        message: 'must be at most 1000000000000',
        params: { max: 1_000_000_000_000 },
      },
    ]);
    expect(only('amount', -1)).toEqual([
      { field: 'amount', rule: 'min', message: 'must be at least 0', params: { min: 0 } },
    ]);
  });

  it('keeps a zero instead of reading it as missing', () => {
    expect(normalizeInput(all, { count: 0, amount: 0 }, 'update').values).toEqual({
      count: 0,
      amount: 0,
    });
  });
});

describe('normalizeInput: references', () => {
  const exists = {
    field: 'ownerId',
    rule: 'exists',
    message: 'does not point at an existing record',
  };

  it('takes an id in upper or lower case', () => {
    expect(only('ownerId', ID_A)).toEqual([]);
    expect(only('ownerId', ID_B)).toEqual([]);
  });

  it('refuses what is not an id: short or long groups, other letters, extra text, a list, a number', () => {
    const groups = ID_A.split('-');
    const broken = groups.flatMap((_, i) => [
      groups.map((g, j) => (j === i ? `${g}0` : g)).join('-'),
      groups.map((g, j) => (j === i ? g.slice(1) : g)).join('-'),
    ]);
    for (const id of [...broken, ID_A.replace('f', 'g'), `x${ID_A}`, `${ID_A}x`, [ID_A], [], 12]) {
      expect(only('ownerId', id), String(id)).toEqual([exists]);
    }
  });

  it('does not trim an id: only text fields are trimmed', () => {
    expect(only('ownerId', ` ${ID_A} `)).toEqual([exists]);
  });

  it('reads a blank optional reference as none and a blank required one as missing', () => {
    expect(normalizeInput(all, { ...valid, helperId: '  ' }, 'create')).toMatchObject({
      values: { helperId: null },
      violations: [],
    });
    expect(only('ownerId', ' ')).toEqual([
      { field: 'ownerId', rule: 'required', message: 'is required' },
    ]);
  });

  it('keeps each id of a list once, in the order given', () => {
    expect(normalizeInput(all, { donorIds: [ID_B, ID_A, ID_B] }, 'update')).toStrictEqual({
      values: {},
      lists: { donorIds: [ID_B, ID_A] },
      violations: [],
    });
  });

  it('refuses a list with one bad id, and an empty list where one is required', () => {
    expect(only('donorIds', [ID_A, 'abc'])).toEqual([
      { field: 'donorIds', rule: 'exists', message: 'does not point at existing records' },
    ]);
    expect(only('donorIds', [])).toEqual([
      { field: 'donorIds', rule: 'required', message: 'is required' },
    ]);
    expect(normalizeInput(all, { sponsorIds: [] }, 'update').lists).toEqual({ sponsorIds: [] });
  });
});

describe('normalizeInput: enums and sets of enums', () => {
  it('keeps a set of values once each, sorted', () => {
    expect(
      normalizeInput(all, { needs: ['SKILLS', 'CAPITAL', 'SKILLS', 'HOUSING'] }, 'update').values,
    ).toEqual({ needs: ['CAPITAL', 'HOUSING', 'SKILLS'] });
  });

  it('refuses an empty set where one is required, and takes it where it is optional', () => {
    expect(only('mainNeeds', [])).toEqual([
      { field: 'mainNeeds', rule: 'required', message: 'is required' },
    ]);
    expect(normalizeInput(all, { needs: [] }, 'update')).toStrictEqual({
      values: { needs: [] },
      lists: {},
      violations: [],
    });
  });

  it('takes a single value and a date as given (GraphQL has checked them)', () => {
    expect(
      normalizeInput(all, { status: 'SKILLS', startDate: '2014-04-22' }, 'update').values,
    ).toEqual({
      status: 'SKILLS',
      startDate: '2014-04-22',
    });
  });
});

describe('isUuid', () => {
  it('is true only for a string in the 8-4-4-4-12 hexadecimal form', () => {
    expect(isUuid(ID_A)).toBe(true);
    expect(isUuid(ID_B)).toBe(true);
    expect(isUuid(ID_A.replace(/-/g, ''))).toBe(false);
    expect(isUuid({ toString: () => ID_A })).toBe(false);
    expect(isUuid([ID_A])).toBe(false);
    expect(isUuid(null)).toBe(false);
  });
});

describe('normalizeInput: values of an unexpected type', () => {
  // GraphQL's input types keep them out; a script calling a service directly must not crash it.
  it('leaves a text field that is not text to the checks rather than failing', () => {
    expect(() => normalizeInput(all, { note: 42 }, 'update')).not.toThrow();
  });
});
