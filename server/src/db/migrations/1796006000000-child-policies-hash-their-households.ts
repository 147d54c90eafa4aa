import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOUSEHOLD_CHILD_READ } from './1795980000000-policies-the-planner-can-use';

/** The tables whose rows are read as their household is (HOUSEHOLD_CHILD_READ on household_id). */
const HOUSEHOLD_CHILD_TABLES = [
  'household_members',
  'household_category_periods',
  'poverty_reviews',
  'aspirations',
  'household_poverty_outcomes',
  'house_projects',
];

/**
 * PERF (issue 12): `household_id = ANY (array)` over the caller's households, where the array is
 * computed once per statement, is searched linearly for every row the statement reads:
 * PostgreSQL hashes `= ANY` only over a constant array, and this one is known at run time. An
 * officer's count of their 1,073 household members compared each with up to 311 ids, about 1 ms
 * of a 3–4 ms statement. `IN (SELECT unnest(…))` is the same set, hashed once per statement
 * (a hashed SubPlan): that count 3.6–4.5 → 2.3–2.5 ms, the reviews' 3.1 → 2.3–2.5 ms, their
 * first page 5.7–7.1 → 5.3–5.4 ms (bench data, as the app role, 30 runs each).
 *
 * The array was also an index condition, for a statement that had none of its own. Every read of
 * these tables by a scoped role brings its own (the services' scope, the ids of a page or of its
 * parents), and test/query-plans.test.ts plans each hot statement with sequential scans off, so a
 * statement that needed the policy's would fail there.
 */
const HOUSEHOLD_CHILD_READ_HASHED = (column: string) =>
  `(SELECT app_reads_all()) OR ${column} IN (SELECT unnest(app_household_ids()))`;

export class ChildPoliciesHashTheirHouseholds1796006000000 implements MigrationInterface {
  name = 'ChildPoliciesHashTheirHouseholds1796006000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of HOUSEHOLD_CHILD_TABLES)
      await queryRunner.query(
        `ALTER POLICY scope_read ON ${table} USING (${HOUSEHOLD_CHILD_READ_HASHED('household_id')})`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of HOUSEHOLD_CHILD_TABLES)
      await queryRunner.query(
        `ALTER POLICY scope_read ON ${table} USING (${HOUSEHOLD_CHILD_READ('household_id')})`,
      );
  }
}
