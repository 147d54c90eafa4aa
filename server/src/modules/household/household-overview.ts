import { ageBucketCase, ASPIRATION_AGE_BUCKETS } from '../aspiration/aspiration-age';
import { visitedRecentlySql, withoutRecentVisitSql } from '../support-group/stale-groups';
import type { EntityManager } from 'typeorm';
import { asAggregate, type RequestContext } from '../../common/context';
import { bindScope, serviceFor } from '../../common/crud/crud.service';
import { scopes } from '../../common/crud/scopes';
import { Role } from '../../common/roles';
import { OPEN_ASPIRATION_STATUSES } from '../aspiration/aspiration.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { HouseholdCategory } from './household.entity';
import { isUuid } from '../../common/crud/normalize';
import {
  groupInArea,
  householdInArea,
  unitAreaSql,
  type UnitMode,
} from '../../common/crud/unit-area';
import { BadInputError } from '../../common/errors';
import { VIETNAM_TODAY_SQL } from '../../common/time';
import { preparedShape } from '../../db/prepared';
import { wholeRowColumns } from '../../common/loaders';

/** The read scope of a resource as SQL on `alias` (`true` for a role that reads every record). */
function scopeOf(ctx: RequestContext, resource: string, alias: string, params: unknown[]) {
  const service = serviceFor(resource);
  if (!service) throw new Error(`no service for ${resource}`);
  return service.readScopeSql(ctx, alias, params);
}

type ScopeSql = (alias: string, params: unknown[]) => string;

/** The year Plan 68-KH/TU began (2014): the dashboard's yearly figures start there. */
export const FIRST_PROGRAM_YEAR = 2014;

/** How many of the groups without a recent visit the dashboard lists by name. */
export const STALE_GROUPS_LISTED = 100;

/**
 * The households dashboard, aggregated in SQL (a handful of statements whatever the data size),
 * over the caller's own scope: an officer's figures are those of the officer's own lists. A role
 * that reads no household records (a viewer) gets the program's figures and no records.
 *
 * PERF: those who read every household (administrators, analysts, a viewer's aggregate) get the
 * program's figures, or one unit's, from the summaries the database keeps (programFigures); the
 * others count their own few hundred records, found once (scopedFigures), except an officer's
 * agency's own households over the whole scope, kept per agency: their periods and escapes, read
 * live, were 2.2 of the figures statement's 2.8 ms at 300,000 households (EXPLAIN ANALYZE).
 */
export async function householdOverview(ctx: RequestContext, unit?: UnitFilter | null) {
  if (unit && !isUuid(unit.unitId)) throw BadInputError.of('unitId', 'uuid', 'is not an id');
  const reach = ['Household', 'SupportGroup', 'Aspiration'].map((r) => scopeOf(ctx, r, 'x', []));
  if (reach[0] === null)
    return asAggregate(ctx, (db) => programFigures(ctx, db, unit ?? null, false));
  if (reach.every((r) => r === 'true')) return programFigures(ctx, ctx.db, unit ?? null, true);
  const scope =
    (resource: string): ScopeSql =>
    (alias, params) =>
      scopeOf(ctx, resource, alias, params) ?? 'false';
  // An officer's households are the agency's own and those its groups help across agencies
  // (scopes.householdRow): over the whole scope, the agency's own come from the figures kept per
  // agency and only the others are counted live. The two never overlap: an officer's group links
  // are those that cross agencies (bindHolder), never to a household of the agency. A unit's
  // figures count the scope's households of the unit live (a unit's share is not kept).
  const agency =
    !unit && ctx.user?.role === Role.AGENCY_OFFICER ? (ctx.scope.organizationId ?? null) : null;
  const households: ScopeSql = agency
    ? (alias, params) =>
        `(${scope('Household')(alias, params)})
         AND ${bindScope(ctx, scopes.householdRowByGroups(alias), params)}`
    : scope('Household');
  return scopedFigures(
    ctx,
    ctx.db,
    inUnit({ households, groups: scope('SupportGroup'), aspirations: scope('Aspiration') }, unit),
    agency,
  );
}

export interface UnitFilter {
  unitId: string;
  mode: UnitMode;
}

type Scopes = { households: ScopeSql; groups: ScopeSql; aspirations: ScopeSql };

/**
 * The figures of one administrative unit, as it was or as today's unit (the shared unitAreaSql):
 * households of its villages, the groups helping them, their aspirations; on top of the caller's
 * own scope, never instead of it.
 */
function inUnit(scope: Scopes, unit: UnitFilter | null | undefined): Scopes {
  if (!unit) return scope;
  const area = (column: string, params: unknown[]) =>
    unitAreaSql(column, `$${params.push(unit.unitId)}`, unit.mode);
  return {
    households: (alias, params) =>
      `(${scope.households(alias, params)}) AND ${area(`${alias}.village_id`, params)}`,
    // The same conditions as the lists' unitId filters (unit-area.ts), so a figure equals its list.
    groups: (alias, params) =>
      `(${scope.groups(alias, params)}) AND ${groupInArea(`${alias}.id`, (c) => area(c, params))}`,
    aspirations: (alias, params) =>
      `(${scope.aspirations(alias, params)}) AND ${householdInArea(`${alias}.household_id`, (c) => area(c, params))}`,
  };
}

type OverYears = { year: number; category: HouseholdCategory; count: number; current: boolean }[];
type Ages = { bucket: string; count: number }[];

/** The figures as one answer, whichever way they were read. */
function answer(
  householdCount: number,
  escapes: { escaped: number; sustainably: number },
  staleTotal: number,
  groups: SupportGroup[],
  ages: Ages,
  overYears: OverYears,
) {
  const buckets = Object.keys(ASPIRATION_AGE_BUCKETS).map((bucket) => ({
    bucket,
    count: ages.find((a) => a.bucket === bucket)?.count ?? 0,
  }));
  // Today's households by category are this year's point of the yearly figures (its day is today).
  const categories = overYears.filter((y) => y.current);
  return {
    householdCount,
    byCategory: Object.values(HouseholdCategory).map((category) => ({
      category,
      count: categories.find((c) => c.category === category)?.count ?? 0,
    })),
    escapedCount: escapes.escaped,
    escapedSustainablyCount: escapes.sustainably,
    groupsWithoutRecentVisitCount: staleTotal,
    groupsWithoutRecentVisit: groups,
    openAspirationCount: buckets.reduce((sum, b) => sum + b.count, 0),
    openAspirationsByAge: buckets,
    byCategoryOverYears: overYears.map(({ year, category, count }) => ({ year, category, count })),
  };
}

/**
 * The quiet groups listed by name (up to STALE_GROUPS_LISTED), among those `where` keeps, and with
 * `counted` how many there are in all: a window count over the same rows, for a scope of a few
 * hundred groups (over the whole program it would walk every quiet group: the program's figure
 * comes from the kept summaries instead).
 */
async function staleGroups(
  ctx: RequestContext,
  db: EntityManager,
  where: (params: unknown[]) => string,
  counted = false,
) {
  const params: unknown[] = [];
  // PERF: the groups are read whole here, not by id in a statement of their own.
  const columns = wholeRowColumns(db.connection.getMetadata(SupportGroup), 'g');
  const sql = `SELECT ${columns}${counted ? ', count(*) OVER ()::int AS total' : ''} FROM support_groups g
      WHERE ${where(params)}
        AND ${withoutRecentVisitSql('g', VIETNAM_TODAY_SQL)}
      ORDER BY g.name COLLATE "vi-VN-x-icu", g.id
      LIMIT ${STALE_GROUPS_LISTED}`;
  // A scope's statement is prepared (see scopedFigures); over the program, a unit's size (a village
  // or a province) may call for plans of their own.
  const stale: ({ id: string; total?: number } & Record<string, unknown>)[] = await db.query(
    counted ? preparedShape('plan68_overview', sql) : sql,
    params,
  );
  return {
    groups: ctx.loaders.hydrate<SupportGroup>(SupportGroup, stale),
    total: stale[0]?.total ?? 0,
  };
}

/**
 * Households in each category at the end of each year of the program (today for this year), from
 * moves kept per category and day (`moves`, already limited to today and to the unit): each year's
 * figure is the sum of the moves of the years up to it, moves before the first year counting in it.
 */
const yearlyFromMoves = (moves: string, firstYear: string) =>
  `WITH per AS (
     SELECT category, greatest(extract(year FROM day)::int, ${firstYear}) AS year, sum(delta) AS delta
       FROM (${moves}) m GROUP BY 1, 2)
   SELECT y.year, p.category, sum(p.delta)::int AS count,
          y.year = extract(year FROM ${VIETNAM_TODAY_SQL})::int AS current
     FROM generate_series(${firstYear}, extract(year FROM ${VIETNAM_TODAY_SQL})::int) y (year)
     JOIN per p ON p.year <= y.year
    GROUP BY y.year, p.category ORDER BY y.year, p.category`;

/**
 * The program's figures, or one unit's, for those who read every household: read from the
 * summaries the database keeps (migrations 1795984000000, 1795986000000, 1795996000000 and
 * 1795999000000), never from the households, periods, reviews, aspirations or visits themselves.
 * A unit's figure is the sum over the villages of its area, as the lists' unit filter places a
 * household (in its village) and a group (in its households' villages).
 */
async function programFigures(
  ctx: RequestContext,
  db: EntityManager,
  unit: UnitFilter | null,
  /** Whether the caller may read the stale groups themselves, or only count them. */
  withGroups: boolean,
) {
  // `area(column, params)`: the column's village lies in the unit (always true without one).
  // PERF: the program's totals are single rows (row_counts, poverty_outcome_totals); a unit's are
  // an index range of its villages.
  const area = (column: string, params: unknown[]) =>
    unit ? unitAreaSql(column, `$${params.push(unit.unitId)}`, unit.mode) : 'true';
  const counts: unknown[] = [];
  const [totals] = (await db.query(
    unit
      ? `SELECT coalesce(sum(households), 0)::int AS households, coalesce(sum(escaped), 0)::int AS escaped,
                coalesce(sum(escaped_sustainably), 0)::int AS sustainably
           FROM village_household_figures WHERE ${area('village_id', counts)}`
      : `SELECT (SELECT row_count FROM row_counts WHERE table_name = 'households')::int AS households,
                escaped, escaped_sustainably AS sustainably
           FROM poverty_outcome_totals`,
    counts,
  )) as { households: number; escaped: number; sustainably: number }[];

  // A period adds its household to its category on valid_from and takes it away the day after
  // valid_to: the households of a category on a day are the sum of its moves up to that day.
  const moves = (params: unknown[]) =>
    unit
      ? `SELECT category, day, delta FROM village_category_moves
          WHERE ${area('village_id', params)} AND day <= ${VIETNAM_TODAY_SQL}`
      : `SELECT category, day, delta FROM category_daily_moves WHERE day <= ${VIETNAM_TODAY_SQL}`;
  const yearly: unknown[] = [FIRST_PROGRAM_YEAR];
  const overYears: OverYears = await db.query(yearlyFromMoves(moves(yearly), '$1::int'), yearly);

  // Quiet groups: the groups (of the unit: helping a household of its villages) less those visited
  // recently, a range of the kept last visits' date index.
  const quiet: unknown[] = [];
  const [{ total: staleTotal }] = (await db.query(
    unit
      ? `SELECT ((SELECT count(DISTINCT gv.group_id) FROM support_group_villages gv
                   WHERE ${area('gv.village_id', quiet)})
               - (SELECT count(DISTINCT gv.group_id) FROM support_group_villages gv
                    JOIN support_group_last_visits lv ON lv.group_id = gv.group_id
                   WHERE ${area('gv.village_id', quiet)} AND ${visitedRecentlySql('lv', VIETNAM_TODAY_SQL)})
                 )::int AS total`
      : `SELECT ((SELECT row_count FROM row_counts WHERE table_name = 'support_groups')
               - (SELECT count(*) FROM support_group_last_visits lv
                   WHERE ${visitedRecentlySql('lv', VIETNAM_TODAY_SQL)}))::int AS total`,
    quiet,
  )) as { total: number }[];
  const groups = withGroups
    ? (
        await staleGroups(ctx, db, (params) =>
          unit
            ? `g.id = ANY (ARRAY(SELECT gv.group_id FROM support_group_villages gv
                                WHERE ${area('gv.village_id', params)}))`
            : 'true',
        )
      ).groups
    : [];

  // Open aspirations by age from the counts kept per status and recorded day.
  const open: unknown[] = [OPEN_ASPIRATION_STATUSES];
  const ages: Ages = await db.query(
    `SELECT ${ageBucketCase(`(${VIETNAM_TODAY_SQL} - recorded_date)`)} AS bucket, sum(count)::int AS count
       FROM ${unit ? 'village_aspiration_days' : 'aspiration_daily_counts'}
      WHERE status = ANY ($1::aspiration_status[])${unit ? ` AND ${area('village_id', open)}` : ''}
      GROUP BY 1`,
    open,
  );
  return answer(totals!.households, totals!, staleTotal, groups, ages, overYears);
}

/**
 * The figures of an officer's or a member's own records (a few hundred households): the
 * households in scope are found once, and every household figure reads their rows by index.
 * With `agency`, `scope.households` leaves out the agency's own households, whose figures are
 * read from those the database keeps for the agency (migration 1796010000000) and added.
 */
async function scopedFigures(
  ctx: RequestContext,
  db: EntityManager,
  scope: Scopes,
  agency: string | null,
) {
  // PERF: the statements of a scope are prepared, one per text (a role's scope, with a unit or
  // not): planning them was 0.4–1 ms each, and a scope's few hundred rows suit one plan whoever asks.
  const found: unknown[] = [];
  // PERF: the ids come back as the array's text and go out again as it is: parsing a few hundred
  // uuids into strings and escaping them back took 0.47 ms for 431 (measured alone), of the 4–7 ms
  // of server CPU this answer takes at load.
  const [{ count, ids }] = (await db.query(
    preparedShape(
      'plan68_overview',
      `SELECT count(*)::int AS count, coalesce(array_agg(h.id), '{}')::text AS ids FROM households h
        WHERE ${scope.households('h', found)}`,
    ),
    found,
  )) as { count: number; ids: string }[];
  // What the households' own rows say, in one statement: escapes from poverty (kept by the database
  // from the yearly reviews, migration 1795981000000, with the reading of povertyOutcome(): the
  // latest POOR → not-POOR step, void if POOR again later), and the households in each category at
  // the end of each year of the program (today for this year), counted as the program's figures
  // are: a period moves its household into its category on valid_from and out of it the day after
  // valid_to (a sum of moves counts households because one household's periods of one category
  // never overlap: the exclusion constraint of migration 1795986000000).
  // PERF: 2 moves per period, not one joined row per period and year (an officer's 431 periods:
  // 2,524 rows sorted for a DISTINCT count); the ids are sent once, as a parameter the periods'
  // covering index on household_id answers alone (migration 1796009000000; found in a CTE, or
  // planned generically without that index, they were probed through the periods' GiST exclusion
  // index and read from the heap, 4–5.6 ms).
  const periodMoves = `SELECT c.category, m.day, m.delta FROM household_category_periods c
      CROSS JOIN LATERAL (VALUES (c.valid_from, 1), (c.valid_to + 1, -1)) m (day, delta)
     WHERE c.household_id = ANY ($2::uuid[]) AND m.day <= ${VIETNAM_TODAY_SQL}`;
  // PERF: prepared like the rest: planning it on every call cost more than the generic plan's
  // worse reading of the periods did then (interleaved rounds of an officer's dashboard at 8
  // connections answered 10–17 % more with it prepared; PostgreSQL CPU 6.6 / 8.8 / 8.5 against
  // 7.1 / 10.1 / 9.4 ms per answer), and the covering index has since given the generic plan the
  // better reading (EXPLAIN ANALYZE, generic plan: 8.3 → 3.5 ms).
  // The agency's own households ($3; none without one): their figures and moves as kept.
  const keptMoves = `SELECT km.category, km.day, km.delta FROM organization_category_moves km
     WHERE km.organization_id = $3::uuid AND km.day <= ${VIETNAM_TODAY_SQL}`;
  const [figures] = (await db.query(
    preparedShape(
      'plan68_overview',
      `SELECT e.escaped + coalesce(k.escaped, 0) AS escaped,
              e.sustainably + coalesce(k.escaped_sustainably, 0) AS sustainably,
              coalesce(k.households, 0) AS households,
            (SELECT coalesce(json_agg(y), '[]')
               FROM (${yearlyFromMoves(`${periodMoves} UNION ALL ${keptMoves}`, '$1::int')}) y)
              AS "overYears"
       FROM (SELECT count(*)::int AS escaped, count(*) FILTER (WHERE o.sustainably)::int AS sustainably
               FROM household_poverty_outcomes o WHERE o.household_id = ANY ($2::uuid[])) e
       LEFT JOIN organization_household_figures k ON k.organization_id = $3::uuid`,
    ),
    [FIRST_PROGRAM_YEAR, ids, agency],
  )) as { escaped: number; sustainably: number; households: number; overYears: OverYears }[];

  // PERF: the quiet groups of a scope (a few hundred groups) are listed and counted in one
  // statement, by a range of the kept last visits' date index per group.
  const { groups, total: staleTotal } = await staleGroups(
    ctx,
    db,
    (params) => scope.groups('g', params),
    true,
  );

  const open: unknown[] = [OPEN_ASPIRATION_STATUSES];
  const ages: Ages = await db.query(
    preparedShape(
      'plan68_overview',
      `SELECT ${ageBucketCase('age')} AS bucket,
              count(*)::int AS count
         FROM (SELECT ${VIETNAM_TODAY_SQL} - recorded_date AS age FROM aspirations a
                WHERE a.status = ANY($1::aspiration_status[]) AND ${scope.aspirations('a', open)}) a
        GROUP BY 1`,
    ),
    open,
  );
  return answer(
    count + figures!.households,
    figures!,
    staleTotal,
    groups,
    ages,
    figures!.overYears,
  );
}
