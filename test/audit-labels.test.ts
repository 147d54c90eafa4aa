import { afterAll, beforeAll, expect, it } from 'vitest';
import { TABLE_RESOURCES, columnLabelKeys } from '../admin/src/AuditEntry/auditLabels';
import vi from '../admin/src/i18n/vi';
import { startTestApp, type TestApp } from './support/app';

/** A key such as `resources.Fund.fields.balance` looked up in a messages object. */
const lookUp = (messages: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);

/**
 * The change history shows each changed column by its label, never by its database name
 * (`posted_by_id`, `support_deliveries`; issue 13 point 5): every column of every audited table,
 * as the migrated database has them, has a label in both languages.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

it('labels every column of every audited table', async () => {
  const columns = (await app.db.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, column_name`,
    [Object.keys(TABLE_RESOURCES)],
  )) as { table_name: string; column_name: string }[];
  expect(new Set(columns.map((c) => c.table_name)).size).toBe(Object.keys(TABLE_RESOURCES).length);
  // NOTE: the English messages are typed as the Vietnamese ones (i18n/en.ts), so tsc holds them
  // to the same keys; importing en.ts here would drag the admin's module resolution in.
  for (const [language, messages] of [['vi', vi]] as const) {
    const unlabelled = columns
      .filter(
        (c) =>
          !columnLabelKeys(c.table_name, c.column_name).some(
            (key) => typeof lookUp(messages, key) === 'string',
          ),
      )
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(unlabelled, language).toEqual([]);
  }
});
