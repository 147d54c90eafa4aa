import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import type { FieldViolation } from '../../common/errors';
import { AdministrativeUnit } from './administrative-unit.entity';
import { RANK } from './administrative-unit.service';
import {
  AdministrativeUnitSuccession,
  SuccessionKind,
} from './administrative-unit-succession.entity';

/** The day before an ISO date (yyyy-MM-dd), in the calendar, not in any time zone. */
export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

const SAME_LEVEL = [
  SuccessionKind.MERGED_INTO,
  SuccessionKind.SPLIT_INTO,
  SuccessionKind.RENAMED_AS,
];

/**
 * Successor links between administrative units. Rules, checked on the saved record as a whole:
 * not self; no cycle (the successor is not already in the predecessor's history); the predecessor
 * closed (validTo) the day before the effective date; the successor in force on that date; a merge,
 * split or renaming between units of one level, an abolished unit (a district, 2025) succeeded by a
 * higher one; a unit merged into, renamed as or abolished into one successor only, and all the links
 * of a split of one kind and one date.
 */
export const administrativeUnitSuccessionService = new CrudService<AdministrativeUnitSuccession>({
  entity: AdministrativeUnitSuccession,
  name: 'AdministrativeUnitSuccession',
  fields: {
    predecessorId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'predecessor'),
    successorId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'successor'),
    kind: f.enumOf(SuccessionKind, 'SuccessionKind'),
    effectiveDate: f.date(),
    legalAct: f.text({ max: 500, searchable: true }),
    note: f.longText({ optional: true }),
  },
  searchColumns: ['legalAct', 'note'],
  defaultSort: { field: 'effectiveDate', order: 'DESC' },
  async rules(link, { em, existing }) {
    const violations: FieldViolation[] = [];
    if (link.predecessorId === link.successorId) {
      violations.push({
        field: 'successorId',
        rule: 'notOwnSuccessor',
        message: 'a unit cannot succeed itself',
      });
      return violations;
    }
    // Writers of successions wait for each other: two links made at once cannot close a cycle.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('AdministrativeUnitSuccession'))`);
    const [predecessor, successor] = await Promise.all([
      em.findOneBy(AdministrativeUnit, { id: link.predecessorId }),
      em.findOneBy(AdministrativeUnit, { id: link.successorId }),
    ]);
    if (!predecessor || !successor) return violations;
    const day = link.effectiveDate;
    if (predecessor.validTo !== dayBefore(day)) {
      violations.push({
        field: 'effectiveDate',
        rule: 'predecessorClosed',
        message: `the predecessor must be closed (validTo) on ${dayBefore(day)}, the day before the effective date`,
        params: { validTo: dayBefore(day) },
      });
    }
    if (
      (successor.validFrom && successor.validFrom > day) ||
      (successor.validTo && successor.validTo < day)
    ) {
      violations.push({
        field: 'successorId',
        rule: 'successorInForce',
        message: 'the successor must exist on the effective date',
      });
    }
    if (SAME_LEVEL.includes(link.kind) && predecessor.level !== successor.level) {
      violations.push({
        field: 'successorId',
        rule: 'sameLevel',
        message: `a ${link.kind} links units of one level, not ${predecessor.level} and ${successor.level}`,
      });
    }
    if (
      link.kind === SuccessionKind.ABOLISHED &&
      RANK[successor.level] >= RANK[predecessor.level]
    ) {
      violations.push({
        field: 'successorId',
        rule: 'higherLevel',
        message: 'an abolished unit is succeeded by the higher unit that took over its communes',
      });
    }
    const cycle: unknown[] = await em.query(
      'SELECT 1 FROM plan68_unit_lineage($1::uuid) l(id) WHERE l.id = $2 LIMIT 1',
      [link.predecessorId, link.successorId],
    );
    if (cycle.length > 0) {
      violations.push({
        field: 'successorId',
        rule: 'noCycle',
        message: 'the successor is already in the predecessor’s history',
      });
    }
    const others: Pick<AdministrativeUnitSuccession, 'kind' | 'effectiveDate'>[] = await em.query(
      `SELECT kind, effective_date::text AS "effectiveDate" FROM administrative_unit_successions
        WHERE predecessor_id = $1 AND id <> coalesce($2::uuid, gen_random_uuid())`,
      [link.predecessorId, existing?.id ?? null],
    );
    if (
      others.length > 0 &&
      (link.kind !== SuccessionKind.SPLIT_INTO ||
        others.some((o) => o.kind !== SuccessionKind.SPLIT_INTO || o.effectiveDate !== day))
    ) {
      violations.push({
        field: 'kind',
        rule: 'oneFate',
        message:
          'a unit has one fate: merged into, renamed as or abolished into one successor, or split into parts on one date',
      });
    }
    return violations;
  },
});
