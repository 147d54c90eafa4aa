import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommitmentProgressSummary1795822497347 implements MigrationInterface {
  name = 'CommitmentProgressSummary1795822497347';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "commitment_progress" ("commitment_id" uuid NOT NULL, "achieved_quantity" bigint NOT NULL DEFAULT \'0\', "entry_count" integer NOT NULL DEFAULT \'0\', "completed_by_entry" boolean NOT NULL DEFAULT false, "last_entry_date" date, CONSTRAINT "PK_2e98c665c65b6b150f9a1fc37c4" PRIMARY KEY ("commitment_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_576409386650bd806bb3fdf062" ON "progress_entries"  ("entry_date") ',
    );
    await queryRunner.query(
      'ALTER TABLE "commitment_progress" ADD CONSTRAINT "FK_2e98c665c65b6b150f9a1fc37c4" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Writers of one commitment's entries are serialised by a NO KEY UPDATE lock on the commitment
    // (it does not conflict with the KEY SHARE that foreign-key checks take), and each recount runs
    // with a fresh snapshot after the lock, so concurrent entries never leave a stale total.
    await queryRunner.query(`
      CREATE FUNCTION refresh_commitment_progress() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT commitment_id) INTO ids FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT commitment_id) INTO ids FROM old_rows;
        ELSE
          SELECT array_agg(DISTINCT id) INTO ids
            FROM (SELECT commitment_id AS id FROM new_rows UNION SELECT commitment_id FROM old_rows) changed;
        END IF;
        IF ids IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM 1 FROM commitments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
        INSERT INTO commitment_progress AS s (commitment_id, achieved_quantity, entry_count, completed_by_entry, last_entry_date)
        SELECT c.id, coalesce(sum(p.quantity), 0), count(p.id), coalesce(bool_or(p.completes), false), max(p.entry_date)
          FROM commitments c LEFT JOIN progress_entries p ON p.commitment_id = c.id
         WHERE c.id = ANY(ids)
         GROUP BY c.id
        ON CONFLICT (commitment_id) DO UPDATE SET
          achieved_quantity = EXCLUDED.achieved_quantity,
          entry_count = EXCLUDED.entry_count,
          completed_by_entry = EXCLUDED.completed_by_entry,
          last_entry_date = EXCLUDED.last_entry_date;
        RETURN NULL;
      END $$`);
    // Statement-level triggers with transition tables: a bulk load recounts each commitment once.
    await queryRunner.query(`
      CREATE TRIGGER progress_entries_summary_insert AFTER INSERT ON progress_entries
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_commitment_progress()`);
    await queryRunner.query(`
      CREATE TRIGGER progress_entries_summary_update AFTER UPDATE ON progress_entries
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_commitment_progress()`);
    await queryRunner.query(`
      CREATE TRIGGER progress_entries_summary_delete AFTER DELETE ON progress_entries
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_commitment_progress()`);
    await queryRunner.query(`
      INSERT INTO commitment_progress (commitment_id, achieved_quantity, entry_count, completed_by_entry, last_entry_date)
      SELECT commitment_id, sum(quantity), count(*), bool_or(completes), max(entry_date)
        FROM progress_entries GROUP BY commitment_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER progress_entries_summary_${op} ON progress_entries`);
    }
    await queryRunner.query('DROP FUNCTION refresh_commitment_progress()');
    await queryRunner.query(
      'ALTER TABLE "commitment_progress" DROP CONSTRAINT "FK_2e98c665c65b6b150f9a1fc37c4"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_576409386650bd806bb3fdf062"');
    await queryRunner.query('DROP TABLE "commitment_progress"');
  }
}
