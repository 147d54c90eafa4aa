import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type ResourceAccess } from '../server/src/common/access-matrix';
import {
  ANONYMISED_NAME,
  RETENTION_YEARS,
  anonymiseExpiredHouseholds,
} from '../server/src/modules/household/retention';
import { startTestApp, type TestApp } from './support/app';

const DOSSIER = 'docs/data-protection/impact-assessment.md';

describe('the data-protection impact assessment', () => {
  const text = readFileSync(DOSSIER, 'utf8');
  const field = (label: string) =>
    new RegExp(`\\|\\s*${label}\\s*\\|\\s*([^|]+?)\\s*\\|`).exec(text)?.[1];

  it('is versioned, dated, and due for review within six months', () => {
    expect(field('Phiên bản')).toMatch(/^\d+\.\d+$/);
    const made = new Date(field('Ngày lập')!);
    const next = new Date(field('Ngày rà soát tiếp theo')!);
    expect(Number.isNaN(made.getTime())).toBe(false);
    const sixMonthsLater = new Date(made);
    sixMonthsLater.setMonth(sixMonthsLater.getMonth() + 6);
    expect(next.getTime()).toBeGreaterThan(made.getTime());
    expect(next.getTime()).toBeLessThanOrEqual(sixMonthsLater.getTime());
  });

  it('describes every resource holding personal data, so a new one cannot go unassessed', () => {
    const personal = Object.entries(ACCESS as Record<string, ResourceAccess>)
      .filter(([, access]) => access.personal)
      .map(([name]) => name);
    expect(personal.length).toBeGreaterThan(5);
    for (const name of personal) expect(text, name).toContain(name);
  });

  it('states the retention period the retention job applies', () => {
    expect(text).toContain(`**${RETENTION_YEARS} năm**`);
  });
});

describe('the retention job', () => {
  let app: TestApp;
  let villageId: string;
  beforeAll(async () => {
    app = await startTestApp();
    [{ id: villageId }] = (await app.db.query(
      `SELECT id FROM administrative_units WHERE level = 'VILLAGE' LIMIT 1`,
    )) as { id: string }[];
  });
  afterAll(() => app.close());

  async function household(name: string, lastActivity: string, periodOpen = false) {
    const [{ id }] = (await app.db.query(
      `INSERT INTO households (village_id, head_name, address, circumstances, notes, updated_at)
       VALUES ($1, $2, 'Thôn 1', 'Hoàn cảnh khó khăn', 'Ghi chú', $3::date) RETURNING id`,
      [villageId, name, lastActivity],
    )) as { id: string }[];
    await app.db.query(
      `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
       VALUES ($1, 'POOR', '2010-01-01', $2)`,
      [id, periodOpen ? null : lastActivity],
    );
    await app.db.query(
      `INSERT INTO household_members (household_id, full_name, relation, citizen_id)
       VALUES ($1, $2, 'HEAD', $3)`,
      [id, name, `0${Math.floor(1e10 + Math.random() * 9e10)}`],
    );
    return id;
  }

  it('erases the personal data of households inactive beyond the period, keeps the rest, and is recorded as a script', async () => {
    const expired = await household('Hộ hết hạn lưu trữ', '2015-06-30');
    const recent = await household('Hộ còn hoạt động', '2024-06-30');
    const stillPoor = await household('Hộ vẫn đang nghèo', '2015-06-30', true);

    const done = await anonymiseExpiredHouseholds(app.db, '2026-11-28');
    expect(done.households).toBeGreaterThanOrEqual(1);

    const rows = (await app.db.query(
      `SELECT h.id, h.head_name, h.address, h.circumstances, h.notes, h.anonymised_at,
              m.full_name, m.citizen_id,
              (SELECT count(*)::int FROM household_category_periods c WHERE c.household_id = h.id) AS periods
         FROM households h JOIN household_members m ON m.household_id = h.id
        WHERE h.id = ANY($1::uuid[])`,
      [[expired, recent, stillPoor]],
    )) as Record<string, unknown>[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(expired)).toMatchObject({
      head_name: ANONYMISED_NAME,
      address: null,
      circumstances: null,
      notes: null,
      full_name: ANONYMISED_NAME,
      citizen_id: null,
      periods: 1,
    });
    expect(byId.get(expired)!.anonymised_at).not.toBeNull();
    expect(byId.get(recent)).toMatchObject({ head_name: 'Hộ còn hoạt động', anonymised_at: null });
    expect(byId.get(stillPoor)).toMatchObject({
      head_name: 'Hộ vẫn đang nghèo',
      anonymised_at: null,
    });

    const audit = (await app.db.query(
      `SELECT operation, actor_user_id, changed_fields, db_user FROM audit_log
        WHERE table_name = 'households' AND record_id = $1 AND operation = 'UPDATE'`,
      [expired],
    )) as { actor_user_id: string | null; changed_fields: string[]; db_user: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBeNull();
    expect(audit[0]!.changed_fields).toEqual(
      expect.arrayContaining(['head_name', 'address', 'anonymised_at']),
    );

    expect(await anonymiseExpiredHouseholds(app.db, '2026-11-28')).toEqual({
      households: 0,
      members: 0,
    });
  });
});
