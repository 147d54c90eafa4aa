import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database role the app connects as: not the owner, not a superuser, subject to RLS. */
export const APP_ROLE = 'plan68_app';

/** Tables whose every change is written to audit_log, with the column that names the record. */
const AUDITED: Record<string, string> = {
  administrative_units: 'id',
  organizations: 'id',
  plans: 'id',
  partnerships: 'id',
  partnership_sponsors: 'partnership_id',
  information_requests: 'id',
  information_request_recipients: 'information_request_id',
  memoranda: 'id',
  memorandum_parties: 'memorandum_id',
  counterpart_responsibilities: 'id',
  commitments: 'id',
  progress_entries: 'id',
  users: 'id',
  staff_members: 'id',
  staff_assignments: 'id',
  households: 'id',
  household_members: 'id',
  household_category_periods: 'id',
  poverty_reviews: 'id',
  support_groups: 'id',
  support_group_members: 'support_group_id',
  support_group_households: 'support_group_id',
  support_plans: 'id',
  support_plan_steps: 'id',
  visits: 'id',
  visit_participants: 'visit_id',
  aspirations: 'id',
  half_year_reports: 'id',
  funds: 'id',
  contribution_rates: 'id',
  contributions: 'id',
  donations: 'id',
  disbursements: 'id',
  disbursement_households: 'disbursement_id',
  disbursement_members: 'disbursement_id',
};

const GROUPS = '(SELECT app_group_ids())::uuid[]';
const HOUSEHOLD_IN_GROUPS = `id IN (SELECT household_id FROM support_group_households WHERE support_group_id = ANY (${GROUPS}))`;
const OFFICER_ORG = `((SELECT app_role()) = 'AGENCY_OFFICER' AND organization_id = (SELECT app_org()))`;
const WRITERS_OF_AGENCY = `(SELECT app_role()) IN ('ADMIN', 'AGENCY_OFFICER')`;
const WRITERS_OF_GROUP_WORK = `(SELECT app_role()) IN ('ADMIN', 'AGENCY_OFFICER', 'GROUP_MEMBER')`;

/** A child table: rows whose parent the request may see; changed by the given roles only. */
const through = (column: string, parent: string, writers: string) => ({
  read: `${column} IN (SELECT id FROM ${parent})`,
  write: `${writers} AND ${column} IN (SELECT id FROM ${parent})`,
});

/** Work a support group does: its groups' rows, written by their members and officers. */
const GROUP_WORK = {
  read: `(SELECT app_reads_all()) OR group_id = ANY (${GROUPS})`,
  write: `(SELECT app_role()) = 'ADMIN' OR (${WRITERS_OF_GROUP_WORK} AND group_id = ANY (${GROUPS}))`,
};

/**
 * Row-level security: which rows of personal-data and money tables a request may see and change,
 * decided by the transaction-local settings the server sets for each request. With no setting (a
 * raw connection as the app role) every policy is false: the wall fails closed.
 */
const POLICIES: Record<string, { read: string; write: string }> = {
  households: {
    read: `(SELECT app_reads_all()) OR ${OFFICER_ORG} OR ${HOUSEHOLD_IN_GROUPS}`,
    write: `(SELECT app_role()) = 'ADMIN' OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND (organization_id = (SELECT app_org()) OR ${HOUSEHOLD_IN_GROUPS}))`,
  },
  household_members: through('household_id', 'households', WRITERS_OF_AGENCY),
  household_category_periods: through('household_id', 'households', WRITERS_OF_AGENCY),
  poverty_reviews: through('household_id', 'households', WRITERS_OF_AGENCY),
  aspirations: through('household_id', 'households', WRITERS_OF_GROUP_WORK),
  visits: GROUP_WORK,
  visit_participants: through('visit_id', 'visits', WRITERS_OF_GROUP_WORK),
  support_plans: GROUP_WORK,
  support_plan_steps: through('support_plan_id', 'support_plans', WRITERS_OF_GROUP_WORK),
  half_year_reports: GROUP_WORK,
  staff_members: {
    read: `(SELECT app_reads_all()) OR ${OFFICER_ORG}
      OR id IN (SELECT staff_member_id FROM support_group_members WHERE support_group_id = ANY (${GROUPS}))
      OR id IN (SELECT leader_id FROM support_groups WHERE id = ANY (${GROUPS}))`,
    write: `(SELECT app_role()) = 'ADMIN' OR ${OFFICER_ORG}`,
  },
  staff_assignments: {
    read: 'staff_member_id IN (SELECT id FROM staff_members)',
    write: `(SELECT app_role()) = 'ADMIN' OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND staff_member_id IN (SELECT id FROM staff_members WHERE organization_id = (SELECT app_org())))`,
  },
  funds: {
    read: `(SELECT app_reads_all()) OR (SELECT app_role()) = 'VIEWER' OR ${OFFICER_ORG}`,
    write: `(SELECT app_role()) = 'ADMIN' OR ${OFFICER_ORG}`,
  },
  contribution_rates: through('fund_id', 'funds', WRITERS_OF_AGENCY),
  contributions: through('fund_id', 'funds', WRITERS_OF_AGENCY),
  donations: through('fund_id', 'funds', WRITERS_OF_AGENCY),
  disbursements: through('fund_id', 'funds', WRITERS_OF_AGENCY),
  disbursement_households: through('disbursement_id', 'disbursements', WRITERS_OF_AGENCY),
  disbursement_members: through('disbursement_id', 'disbursements', WRITERS_OF_AGENCY),
};

export class RowSecurityAndAudit1795834800000 implements MigrationInterface {
  name = 'RowSecurityAndAudit1795834800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // Households registered before agencies owned them belong to the agency of a group helping them.
    await q(`UPDATE households h SET organization_id = (
               SELECT g.organization_id FROM support_group_households sgh
                 JOIN support_groups g ON g.id = sgh.support_group_id
                WHERE sgh.household_id = h.id ORDER BY g.created_at, g.id LIMIT 1)
             WHERE organization_id IS NULL`);

    // Roles belong to the whole cluster: other databases on it may have created it already.
    await q(`DO $$ BEGIN
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
                 CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
               END IF;
             END $$`);
    await q(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q(`ALTER DEFAULT PRIVILEGES IN SCHEMA public
               GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
    );
    await q(`REVOKE ALL ON migrations FROM ${APP_ROLE}`);
    // The trail and the ledger cannot be rewritten by the app, whatever its code does.
    await q(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`);
    await q(`REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM ${APP_ROLE}`);
    await q(`REVOKE UPDATE, DELETE, TRUNCATE ON contributions, donations FROM ${APP_ROLE}`);
    await q(`REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);

    await q(`CREATE FUNCTION app_setting(name text) RETURNS text LANGUAGE sql STABLE
               AS $$ SELECT nullif(current_setting(name, true), '') $$`);
    await q(`CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE
               AS $$ SELECT app_setting('app.role') $$`);
    await q(`CREATE FUNCTION app_user() RETURNS uuid LANGUAGE sql STABLE
               AS $$ SELECT app_setting('app.user_id')::uuid $$`);
    await q(`CREATE FUNCTION app_org() RETURNS uuid LANGUAGE sql STABLE
               AS $$ SELECT app_setting('app.organization_id')::uuid $$`);
    await q(`CREATE FUNCTION app_staff() RETURNS uuid LANGUAGE sql STABLE
               AS $$ SELECT app_setting('app.staff_member_id')::uuid $$`);
    // Administrators and analysts read every row; any role reads for counts and sums, which the
    // server requests only from aggregate queries that return no personal data.
    await q(`CREATE FUNCTION app_reads_all() RETURNS boolean LANGUAGE sql STABLE AS $$
               SELECT coalesce(app_role() IN ('ADMIN', 'ANALYST')
                 OR (app_role() IS NOT NULL AND app_setting('app.purpose') = 'aggregate'), false) $$`);
    // The support groups an officer's agency runs, or a group member sits in or leads.
    await q(`CREATE FUNCTION app_group_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
               SELECT coalesce(array_agg(g.id), '{}') FROM support_groups g
                WHERE (app_role() = 'AGENCY_OFFICER' AND g.organization_id = app_org())
                   OR (app_role() = 'GROUP_MEMBER' AND (g.leader_id = app_staff()
                       OR g.id IN (SELECT m.support_group_id FROM support_group_members m
                                    WHERE m.staff_member_id = app_staff()))) $$`);

    for (const [table, policy] of Object.entries(POLICIES)) {
      await q(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q(`CREATE POLICY scope_read ON ${table} FOR SELECT USING (${policy.read})`);
      await q(`CREATE POLICY scope_insert ON ${table} FOR INSERT WITH CHECK (${policy.write})`);
      await q(
        `CREATE POLICY scope_update ON ${table} FOR UPDATE USING (${policy.write}) WITH CHECK (${policy.write})`,
      );
      await q(`CREATE POLICY scope_delete ON ${table} FOR DELETE USING (${policy.write})`);
    }
    // The logs: only administrators read them through the app; the app appends its own reads.
    await q(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q(
      `CREATE POLICY admin_read ON audit_log FOR SELECT USING ((SELECT app_role()) = 'ADMIN')`,
    );
    await q(`ALTER TABLE access_log ENABLE ROW LEVEL SECURITY`);
    await q(
      `CREATE POLICY admin_read ON access_log FOR SELECT USING ((SELECT app_role()) = 'ADMIN')`,
    );
    await q(
      `CREATE POLICY own_entries ON access_log FOR INSERT WITH CHECK (user_id = (SELECT app_user()))`,
    );

    await q(`CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
               SET search_path = public, pg_temp AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        key_column text := coalesce(TG_ARGV[0], 'id');
        record_key text := coalesce(new_row ->> key_column, old_row ->> key_column);
        changed text[];
        secret text;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          SELECT array_agg(n.key ORDER BY n.key) INTO changed FROM jsonb_each(new_row) n
           WHERE n.value IS DISTINCT FROM old_row -> n.key
             AND n.key NOT IN ('version', 'updated_at', 'last_login_at');
          IF changed IS NULL THEN RETURN NULL; END IF;
          SELECT jsonb_object_agg(key, value) INTO old_row FROM jsonb_each(old_row) WHERE key = ANY (changed);
          SELECT jsonb_object_agg(key, value) INTO new_row FROM jsonb_each(new_row) WHERE key = ANY (changed);
        END IF;
        -- Identity numbers and password hashes never enter the trail: only that they changed.
        FOREACH secret IN ARRAY ARRAY['citizen_id', 'legacy_id_number', 'password_hash'] LOOP
          IF old_row ->> secret IS NOT NULL THEN old_row := jsonb_set(old_row, ARRAY[secret], '"***"'); END IF;
          IF new_row ->> secret IS NOT NULL THEN new_row := jsonb_set(new_row, ARRAY[secret], '"***"'); END IF;
        END LOOP;
        INSERT INTO audit_log (table_name, record_id, operation, old_values, new_values, changed_fields,
                               actor_user_id, actor_role, db_user, txid)
        VALUES (TG_TABLE_NAME, record_key, TG_OP, old_row, new_row, changed,
                app_user(), app_role(), session_user, txid_current());
        RETURN NULL;
      END $$`);
    for (const [table, key] of Object.entries(AUDITED)) {
      await q(
        `CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row_change('${key}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const table of Object.keys(AUDITED)) await q(`DROP TRIGGER audit ON ${table}`);
    await q('DROP FUNCTION audit_row_change()');
    await q('DROP POLICY own_entries ON access_log');
    await q('DROP POLICY admin_read ON access_log');
    await q('ALTER TABLE access_log DISABLE ROW LEVEL SECURITY');
    await q('DROP POLICY admin_read ON audit_log');
    await q('ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY');
    for (const table of Object.keys(POLICIES)) {
      for (const policy of ['scope_read', 'scope_insert', 'scope_update', 'scope_delete'])
        await q(`DROP POLICY ${policy} ON ${table}`);
      await q(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const fn of [
      'app_group_ids',
      'app_reads_all',
      'app_staff',
      'app_org',
      'app_user',
      'app_role',
    ])
      await q(`DROP FUNCTION ${fn}()`);
    await q('DROP FUNCTION app_setting(text)');
    await q(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${APP_ROLE}`,
    );
    await q(`ALTER DEFAULT PRIVILEGES IN SCHEMA public
               REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`);
    await q(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    // NOTE: the role itself stays: other databases of the cluster may still use it.
  }
}
