import type { RequestContext } from '../../common/context';
import { OPEN_ASPIRATION_STATUSES } from '../aspiration/aspiration.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { HouseholdCategory } from './household.entity';
import { VIETNAM_TODAY } from './household.service';

/** The households dashboard, aggregated in SQL (a handful of statements whatever the data size). */
export async function householdOverview(ctx: RequestContext) {
  const db = ctx.db;
  const [{ count: householdCount }] = (await db.query(
    'SELECT count(*)::int AS count FROM households',
  )) as {
    count: number;
  }[];
  const categories: { category: HouseholdCategory; count: number }[] = await db.query(
    `SELECT category, count(DISTINCT household_id)::int AS count FROM household_category_periods
      WHERE valid_from <= ${VIETNAM_TODAY} AND (valid_to IS NULL OR valid_to >= ${VIETNAM_TODAY})
      GROUP BY category`,
  );
  // Same reading as povertyOutcome(): the latest POOR → not-POOR step, void if POOR again later.
  const [escapes] = (await db.query(
    `WITH steps AS (
       SELECT household_id, year, result, lag(result) OVER (PARTITION BY household_id ORDER BY year) AS previous
         FROM poverty_reviews),
     escaped AS (
       SELECT household_id, max(year) AS year FROM steps
        WHERE previous = 'POOR' AND result <> 'POOR' GROUP BY household_id),
     summary AS (
       SELECT household_id, max(year) FILTER (WHERE result = 'POOR') AS last_poor, max(year) AS latest
         FROM poverty_reviews GROUP BY household_id)
     SELECT count(*) FILTER (WHERE e.year > s.last_poor)::int AS escaped,
            count(*) FILTER (WHERE e.year > s.last_poor AND s.latest > e.year)::int AS sustainably
       FROM escaped e JOIN summary s USING (household_id)`,
  )) as { escaped: number; sustainably: number }[];

  const stale: { id: string }[] = await db.query(
    `SELECT g.id FROM support_groups g
      WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.group_id = g.id
                          AND v.visit_date > ${VIETNAM_TODAY} - interval '6 months')
      ORDER BY g.name`,
  );
  const groups = await ctx.loaders
    .byId<SupportGroup>(SupportGroup)
    .loadMany(stale.map((s) => s.id));

  const ages: { bucket: string; count: number }[] = await db.query(
    `SELECT CASE WHEN age <= 30 THEN '0-30' WHEN age <= 90 THEN '31-90' WHEN age <= 180 THEN '91-180' ELSE '180+' END AS bucket,
            count(*)::int AS count
       FROM (SELECT ${VIETNAM_TODAY} - recorded_date AS age FROM aspirations WHERE status::text = ANY($1)) a
      GROUP BY 1`,
    [OPEN_ASPIRATION_STATUSES],
  );
  const buckets = ['0-30', '31-90', '91-180', '180+'].map((bucket) => ({
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
    groupsWithoutRecentVisit: groups.filter((g): g is SupportGroup => !!g && !(g instanceof Error)),
    openAspirationCount: buckets.reduce((sum, b) => sum + b.count, 0),
    openAspirationsByAge: buckets,
  };
}
