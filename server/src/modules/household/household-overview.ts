import { ageBucketCase, ASPIRATION_AGE_BUCKETS } from '../aspiration/aspiration-age';
import { visitedRecentlySql, withoutRecentVisitSql } from '../support-group/stale-groups';
import type { EntityManager } from 'typeorm';
import { asAggregate, type RequestContext } from '../../common/context';
import { serviceFor } from '../../common/crud/crud.service';
import { OPEN_ASPIRATION_STATUSES } from '../aspiration/aspiration.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { HouseholdCategory } from './household.entity';
import { VIETNAM_TODAY } from './household.service';
import { isUuid } from '../../common/crud/normalize';
import {
  groupInArea,
  householdInArea,
  unitAreaSql,
  type UnitMode,
} from '../../common/crud/unit-area';
import { BadInputError } from '../../common/errors';

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
 */
export async function householdOverview(ctx: RequestContext, unit?: UnitFilter | null) {
  const scope =
    (resource: string): ScopeSql =>
    (alias, params) =>
      scopeOf(ctx, resource, alias, params) ?? 'false';
  if (unit && !isUuid(unit.unitId)) throw BadInputError.of('unitId', 'uuid', 'is not an id');
  if (scopeOf(ctx, 'Household', 'h', []) === null) {
    const everything: ScopeSql = () => 'true';
    const figures = await asAggregate(ctx, (db) =>
      overviewOf(
        ctx,
        db,
        inUnit({ households: everything, groups: everything, aspirations: everything }, unit),
        false,
      ),
    );
    return figures;
  }
  return overviewOf(
    ctx,
    ctx.db,
    inUnit(
      {
        households: scope('Household'),
        groups: scope('SupportGroup'),
        aspirations: scope('Aspiration'),
      },
      unit,
    ),
    true,
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

async function overviewOf(
  ctx: RequestContext,
  db: EntityManager,
  scope: Scopes,
  /** Whether the caller may read the stale groups themselves, or only count them. */
  withGroups: boolean,
) {
  // Each statement gets its own parameters: PostgreSQL refuses one it does not use.
  const households = (params: unknown[]) => scope.households('h', params);
  const inScope = (params: unknown[]) =>
    `(SELECT h.id FROM households h WHERE ${households(params)})`;
  // PERF: a caller who reads every household needs no semi-join over 300,000 of them.
  const readsAll = households([]) === 'true';
  const inScopeWhere = (column: string, params: unknown[]) =>
    readsAll ? '' : `WHERE ${column} IN ${inScope(params)}`;
  const count: unknown[] = [];
  // PERF: the whole program's figure is the count the database keeps (row_counts).
  const [{ count: householdCount }] = (await db.query(
    readsAll
      ? `SELECT row_count::int AS count FROM row_counts WHERE table_name = 'households'`
      : `SELECT count(*)::int AS count FROM households h WHERE ${households(count)}`,
    count,
  )) as { count: number }[];
  const byCategory: unknown[] = [];
  // PERF: the whole program's figures from the moves the database keeps per category and day
  // (migration 1795986000000); a scope's own periods are few and read directly.
  const categories: { category: HouseholdCategory; count: number }[] = await db.query(
    readsAll
      ? `SELECT category, sum(delta)::int AS count FROM category_daily_moves
          WHERE day <= ${VIETNAM_TODAY} GROUP BY category`
      : `SELECT category, count(DISTINCT household_id)::int AS count FROM household_category_periods
          WHERE valid_from <= ${VIETNAM_TODAY} AND (valid_to IS NULL OR valid_to >= ${VIETNAM_TODAY})
            AND household_id IN ${inScope(byCategory)}
          GROUP BY category`,
    byCategory,
  );
  // Kept by the database from the yearly reviews (migration 1795981000000), with the reading of
  // povertyOutcome(): the latest POOR → not-POOR step, void if POOR again later.
  const reviewed: unknown[] = [];
  const [escapes] = (await db.query(
    `SELECT count(*)::int AS escaped, count(*) FILTER (WHERE o.sustainably)::int AS sustainably
       FROM household_poverty_outcomes o ${inScopeWhere('o.household_id', reviewed)}`,
    reviewed,
  )) as { escaped: number; sustainably: number }[];

  // PERF: quiet groups are counted as the groups in scope less those visited recently (a range of
  // the kept last visits' date index), not by checking each of 100,000 groups; only the listed
  // page walks the groups by name, and stops after STALE_GROUPS_LISTED.
  const counted: unknown[] = [];
  const [{ total: staleTotal }] = (await db.query(
    `SELECT ((SELECT count(*) FROM support_groups g WHERE ${scope.groups('g', counted)})
           - (SELECT count(*) FROM support_group_last_visits lv
                JOIN support_groups g ON g.id = lv.group_id
               WHERE ${visitedRecentlySql('lv', VIETNAM_TODAY)} AND ${scope.groups('g', counted)})
            )::int AS total`,
    counted,
  )) as { total: number }[];
  const visited: unknown[] = [];
  const stale: { id: string }[] = withGroups
    ? await db.query(
        `SELECT g.id FROM support_groups g
          WHERE ${scope.groups('g', visited)}
            AND ${withoutRecentVisitSql('g', VIETNAM_TODAY)}
          ORDER BY g.name COLLATE "vi-VN-x-icu", g.id
          LIMIT ${STALE_GROUPS_LISTED}`,
        visited,
      )
    : [];
  const groups = withGroups
    ? await ctx.loaders.byId<SupportGroup>(SupportGroup).loadMany(stale.map((s) => s.id))
    : [];

  const open: unknown[] = [OPEN_ASPIRATION_STATUSES];
  const ages: { bucket: string; count: number }[] = await db.query(
    `SELECT ${ageBucketCase('age')} AS bucket,
            count(*)::int AS count
       FROM (SELECT ${VIETNAM_TODAY} - recorded_date AS age FROM aspirations a
              WHERE a.status = ANY($1::aspiration_status[]) AND ${scope.aspirations('a', open)}) a
      GROUP BY 1`,
    open,
  );
  // Households in each category at the end of each year of the program (today for this year):
  // the same reading as byCategory, on other days.
  const yearly: unknown[] = [FIRST_PROGRAM_YEAR];
  const yearEnds = `SELECT y AS year, least(make_date(y, 12, 31), ${VIETNAM_TODAY}) AS day
                      FROM generate_series($1::int, extract(year FROM ${VIETNAM_TODAY})::int) y`;
  const overYears: { year: number; category: HouseholdCategory; count: number }[] = await db.query(
    readsAll
      ? `SELECT e.year, m.category, sum(m.delta)::int AS count
           FROM (${yearEnds}) e JOIN category_daily_moves m ON m.day <= e.day
          GROUP BY e.year, m.category ORDER BY e.year, m.category`
      : `SELECT e.year, c.category, count(DISTINCT c.household_id)::int AS count
           FROM (${yearEnds}) e
           JOIN household_category_periods c
             ON c.valid_from <= e.day AND (c.valid_to IS NULL OR c.valid_to >= e.day)
          WHERE c.household_id IN ${inScope(yearly)}
          GROUP BY e.year, c.category ORDER BY e.year, c.category`,
    yearly,
  );
  const buckets = Object.keys(ASPIRATION_AGE_BUCKETS).map((bucket) => ({
    bucket,
    count: ages.find((a) => a.bucket === bucket)?.count ?? 0,
  }));
  return {
    householdCount,
    byCategory: Object.values(HouseholdCategory).map((category) => ({
      category,
      count: categories.find((c) => c.category === category)?.count ?? 0,
    })),
    escapedCount: escapes!.escaped,
    escapedSustainablyCount: escapes!.sustainably,
    groupsWithoutRecentVisitCount: staleTotal,
    groupsWithoutRecentVisit: groups.filter((g): g is SupportGroup => !!g && !(g instanceof Error)),
    openAspirationCount: buckets.reduce((sum, b) => sum + b.count, 0),
    openAspirationsByAge: buckets,
    byCategoryOverYears: overYears,
  };
}
