import type { EntityManager } from 'typeorm';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import type { FieldViolation } from '../../common/errors';
import { PovertyStandard, PovertyStandardKind } from './poverty-standard.entity';

/*
 * Where each standard seeded by migration 1795994000000 was checked (search of public sources):
 * - 2011–2015, Decision 09/2011/QĐ-TTg: period 2011–2015, in force from 01/01/2011, income only
 *   (tailieuchung.com/vn/tlID22960_…, the decision's text). Urban line 500,000 đồng
 *   (cuoituan.tuoitre.vn). UNCONFIRMED: the rural line 400,000 đồng (not legible in the source).
 * - 2016–2020, Decision 59/2015/QĐ-TTg of 19/11/2015: multidimensional, in force from 05/01/2016
 *   (baocaotaichinh.vn, the decision's heading); kept for 2021 by Decree 07/2021/NĐ-CP Art. 2
 *   (english.luatvietnam.vn, the decree's text). Lines 700,000 / 900,000 (vietnamnet 710676).
 * - 2022–2025, Decree 07/2021/NĐ-CP of 27/01/2021, in force 15/03/2021: rural 1,500,000, urban
 *   2,000,000, 6 dimensions / 12 indicators (english.luatvietnam.vn, Art. 3). Amended by Decree
 *   30/2025/NĐ-CP (baothanhhoa.vn). UNCONFIRMED: that it stays in force to 31/12/2026.
 * - 2026–2030, Decree 351/2025/NĐ-CP: UNCONFIRMED as a whole — no text of the decree was found;
 *   the lines 2,200,000 / 2,800,000 are the draft's (vietnam.vn, Ministry of Agriculture and
 *   Environment's draft) and the poor / near-poor rule (income and ≥ 3 / < 3 deprivations) is the
 *   press's (REFERENCE-FACTS.md).
 */
/** The first and last day of a year, as the SQL of its bounds. */
const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/**
 * The standards in force at some time in `year`, newest first: a review of that year may be made
 * under any of them (in a changeover year two can be), and defaults to the newest.
 */
export async function standardsInForce(em: EntityManager, year: number) {
  const [first, last] = yearBounds(year);
  return em
    .getRepository(PovertyStandard)
    .createQueryBuilder('s')
    .where('s.validFrom <= :last AND (s.validTo IS NULL OR s.validTo >= :first)', { first, last })
    .orderBy('s.validFrom', 'DESC')
    .addOrderBy('s.edition', 'DESC')
    .getMany();
}

/**
 * Rewrites a household's POOR / NEAR_POOR periods from `since` on as its reviews imply (the
 * database function of migration 1795994000000, in the caller's transaction).
 */
export async function deriveCategoryPeriods(
  em: EntityManager,
  householdId: string,
  since: string | null,
): Promise<number> {
  const [row] = (await em.query('SELECT derive_category_periods($1, $2::date) AS changed', [
    householdId,
    since,
  ])) as { changed: number }[];
  return Number(row?.changed ?? 0);
}

export const povertyStandardService = new CrudService<PovertyStandard>({
  entity: PovertyStandard,
  name: 'PovertyStandard',
  fields: {
    code: f.text({ max: 50 }),
    edition: f.int({ optional: true, min: 1, max: 100, defaultValue: 1 }),
    name: f.text({ max: 255 }),
    legalAct: f.text({ max: 255 }),
    kind: f.enumOf(PovertyStandardKind, 'PovertyStandardKind'),
    validFrom: f.date(),
    validTo: f.date({ optional: true }),
    ruralIncomeLine: f.money({ optional: true }),
    urbanIncomeLine: f.money({ optional: true }),
    notes: f.longText({ optional: true }),
  },
  searchColumns: ['code', 'name', 'legalAct'],
  defaultSort: { field: 'validFrom', order: 'DESC' },
  async rules(standard, { em, existing }) {
    const violations: FieldViolation[] = [];
    if (standard.validTo && standard.validTo < standard.validFrom)
      violations.push({
        field: 'validTo',
        rule: 'afterValidFrom',
        message: 'must not be before validFrom',
      });
    const same: unknown[] = await em.query(
      'SELECT 1 FROM poverty_standards WHERE code = $1 AND edition = $2 AND id <> coalesce($3::uuid, gen_random_uuid())',
      [standard.code, standard.edition ?? 1, existing?.id ?? null],
    );
    if (same.length > 0)
      violations.push({
        field: 'edition',
        rule: 'unique',
        message: 'this standard already has that edition',
      });
    return violations;
  },
});
