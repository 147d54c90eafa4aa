import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a closed administrative unit became (the 2025 reform: Phú Yên merged into Đắk Lắk, districts
 * abolished, communes merged). A succession links a predecessor to a successor with its kind, date
 * and legal act. Reference data like administrative_units: everybody reads, administrators write
 * (enforced by the service), every change is in the audit trail.
 *
 * Three SQL functions read the history; each is a recursive CTE walking the indexed columns
 * (successions by predecessor_id / successor_id, units by parent_id):
 * - plan68_unit_lineage(u): u and every unit whose history leads to it (its predecessors, recursively);
 * - plan68_unit_area(u, today): the units "in" u: as it was (today = false) u and its sub-units; as
 *   today's unit (today = true) also every predecessor and the sub-units of each, alternately, so a
 *   province gathers a commune that came to it from another province's history;
 * - plan68_unit_current(u): today's unit(s) u became (the ends of its successor chains).
 */
export class AdministrativeUnitSuccessions1795991000000 implements MigrationInterface {
  name = 'AdministrativeUnitSuccessions1795991000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TYPE "public"."administrative_succession_kind"
               AS ENUM('MERGED_INTO', 'SPLIT_INTO', 'RENAMED_AS', 'ABOLISHED')`);
    await q(`CREATE TABLE "administrative_unit_successions" (
               "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1',
               "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
               "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
               "predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL,
               "kind" "public"."administrative_succession_kind" NOT NULL,
               "effective_date" date NOT NULL, "legal_act" text NOT NULL, "note" text,
               CONSTRAINT "PK_administrative_unit_successions" PRIMARY KEY ("id"),
               CONSTRAINT "CHK_succession_not_self" CHECK (predecessor_id <> successor_id))`);
    await q(
      `CREATE INDEX "IDX_succession_predecessor" ON "administrative_unit_successions" ("predecessor_id")`,
    );
    await q(
      `CREATE INDEX "IDX_succession_successor" ON "administrative_unit_successions" ("successor_id")`,
    );
    await q(
      `CREATE UNIQUE INDEX "UQ_succession_pair" ON "administrative_unit_successions" ("predecessor_id", "successor_id")`,
    );
    await q(`ALTER TABLE "administrative_unit_successions" ADD CONSTRAINT "FK_succession_predecessor"
               FOREIGN KEY ("predecessor_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q(`ALTER TABLE "administrative_unit_successions" ADD CONSTRAINT "FK_succession_successor"
               FOREIGN KEY ("successor_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON administrative_unit_successions
               FOR EACH ROW EXECUTE FUNCTION audit_row_change('id')`);

    await q(`CREATE FUNCTION plan68_unit_lineage(unit uuid) RETURNS SETOF uuid
               LANGUAGE sql STABLE PARALLEL SAFE AS $$
      WITH RECURSIVE lineage(id) AS (
        SELECT unit
        UNION
        SELECT s.predecessor_id FROM administrative_unit_successions s JOIN lineage l ON s.successor_id = l.id
      ) SELECT id FROM lineage $$`);
    await q(`CREATE FUNCTION plan68_unit_area(unit uuid, today boolean) RETURNS SETOF uuid
               LANGUAGE sql STABLE PARALLEL SAFE AS $$
      WITH RECURSIVE area(id) AS (
        SELECT unit
        UNION
        SELECT x.id FROM area a CROSS JOIN LATERAL (
          SELECT c.id FROM administrative_units c WHERE c.parent_id = a.id
          UNION ALL
          SELECT s.predecessor_id FROM administrative_unit_successions s
           WHERE today AND s.successor_id = a.id) x
      ) SELECT id FROM area $$`);
    await q(`CREATE FUNCTION plan68_unit_current(unit uuid) RETURNS SETOF uuid
               LANGUAGE sql STABLE PARALLEL SAFE AS $$
      WITH RECURSIVE chain(id) AS (
        SELECT unit
        UNION
        SELECT s.successor_id FROM administrative_unit_successions s JOIN chain c ON s.predecessor_id = c.id
      ) SELECT c.id FROM chain c
         WHERE NOT EXISTS (SELECT 1 FROM administrative_unit_successions s WHERE s.predecessor_id = c.id) $$`);
    await q('GRANT EXECUTE ON FUNCTION plan68_unit_lineage(uuid) TO plan68_app');
    await q('GRANT EXECUTE ON FUNCTION plan68_unit_area(uuid, boolean) TO plan68_app');
    await q('GRANT EXECUTE ON FUNCTION plan68_unit_current(uuid) TO plan68_app');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION plan68_unit_current(uuid)');
    await queryRunner.query('DROP FUNCTION plan68_unit_area(uuid, boolean)');
    await queryRunner.query('DROP FUNCTION plan68_unit_lineage(uuid)');
    await queryRunner.query('DROP TABLE "administrative_unit_successions"');
    await queryRunner.query('DROP TYPE "public"."administrative_succession_kind"');
  }
}
