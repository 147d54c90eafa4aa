import { ID, registerEnumType } from 'type-graphql';
import { BadInputError } from '../errors';

/**
 * How a filter by administrative unit reads history (the 2025 reform merged provinces and communes
 * and abolished districts): by the unit as it was when the record was made, or by today's unit,
 * which gathers the history of every unit that became it.
 */
export enum UnitMode {
  AS_THEN = 'AS_THEN',
  TODAY = 'TODAY',
}
registerEnumType(UnitMode, {
  name: 'UnitMode',
  description: 'AS_THEN: theo đơn vị lúc đó (default); TODAY: theo đơn vị hiện nay.',
});

/** The mode a filter asked for, checked: AS_THEN when absent. */
export function unitModeOf(value: unknown): UnitMode {
  if (value === undefined || value === null) return UnitMode.AS_THEN;
  if (value === UnitMode.AS_THEN || value === UnitMode.TODAY) return value;
  throw BadInputError.of('filter.unitMode', 'oneOf', 'must be AS_THEN or TODAY', {
    allowed: Object.values(UnitMode),
  });
}

/**
 * THE one SQL condition for "this column's unit lies in the given unit": as it was, the unit and its
 * sub-units; today, also every predecessor and their sub-units (plan68_unit_area, migration
 * 1795991000000). `unitParam` is a placeholder (`:p0`, `$1`) holding the unit's id.
 * PERF: `= ANY (ARRAY(…))` runs the small recursive lookup once and probes the column's index.
 */
export function unitAreaSql(column: string, unitParam: string, mode: UnitMode): string {
  return `${column} = ANY (ARRAY(SELECT plan68_unit_area(${unitParam}::uuid, ${
    mode === UnitMode.TODAY ? 'true' : 'false'
  })))`;
}

/**
 * A column pointing at a unit, compared with one unit: as it was, that unit only; today, that unit
 * or any unit whose history leads to it (a commune's partnerships of the communes merged into it).
 */
export function unitSameSql(column: string, unitParam: string, mode: UnitMode): string {
  return mode === UnitMode.TODAY
    ? `${column} = ANY (ARRAY(SELECT plan68_unit_lineage(${unitParam}::uuid)))`
    : `${column} = ${unitParam}`;
}

/** Builds "this column's unit lies in the filtered unit" (unitAreaSql with its placeholder bound). */
export type UnitArea = (column: string) => string;

/** Where a household's record lies: in its household's village. */
export const householdInArea = (householdColumn: string, area: UnitArea): string =>
  `EXISTS (SELECT 1 FROM households uh WHERE uh.id = ${householdColumn} AND ${area('uh.village_id')})`;

/** Where a support group works: in the villages of the households it helps. */
export const groupInArea = (groupColumn: string, area: UnitArea): string =>
  `EXISTS (SELECT 1 FROM support_group_households ux JOIN households uh ON uh.id = ux.household_id
            WHERE ux.support_group_id = ${groupColumn} AND ${area('uh.village_id')})`;

/** The two list filters of every list placed by an administrative unit. */
export const UNIT_FILTERS = {
  unitId: {
    type: () => ID,
    description:
      'Records in this administrative unit or its sub-units; with unitMode TODAY, also in every unit that became it.',
  },
  unitMode: {
    type: () => UnitMode,
    description:
      'How unit filters (unitId and the unit references) read history: as the unit was (AS_THEN, default) or by today’s unit (TODAY).',
  },
};
