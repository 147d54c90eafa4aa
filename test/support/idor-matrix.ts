/**
 * The IDOR matrix (SECURITY.md B.11–B.13): every resource of the access matrix × every role ×
 * list, count, getOne, getMany, getManyReference, export, create, update, delete, each cell its own
 * test, its expected outcome derived from the hand-written policy statement
 * (`test/policy/expected-access.ts`), never from the server's own table. Agency A holds 7 demo groups, agency B 3; each
 * resource gets one record of each, and app.db (the owner, past row-level security) is the oracle
 * for what each user's scope holds, so totals are checked as well as rows. Field resolvers
 * (nested reads), write-protected fields and the operations beyond the CRUD grammar get their cells
 * too. Cells that fail on today's server are listed in KNOWN_FAILURES and run with
 * MATRIX_KNOWN_BUGS=1; the file prints how many cells ran when it ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedGrant,
  RESOURCES as POLICY_RESOURCES,
  type Resource,
} from '../policy/expected-access';
import { todayInVietnam } from '../../server/src/common/time';
import { dataOf, startTestApp, type GraphQLResponse, type TestApp } from './app';
import {
  errorOf,
  type ErrorSummary,
  explain,
  HOME,
  loadOperations,
  mapLimit,
  other,
  ROLE_OF,
  Tally,
  USERS,
  type Agency,
  type UserKey,
} from './matrix';
import { loadMutationArgTypes, mutationDocument, type Vars } from './mutations';
import { signInRoles, type RoleFixture } from './roles';

type ResourceName = Resource;

export interface IdorMatrixOptions {
  /**
   * How the server's requests reach PostgreSQL: as the app role (both walls: the services' scope and
   * row-level security), or as the owner, past row-level security, so the services' scope stands
   * alone and a hole in it cannot hide behind the policies.
   */
  requestsAs: 'app' | 'owner';
}

/** Declares the matrix's tests in the calling test file. */
export function defineIdorMatrix(options: IdorMatrixOptions) {
  const RESOURCES = [...POLICY_RESOURCES];
  const OPS = loadOperations(RESOURCES);

  /** The records the matrix works on, found in the demo data or made for it. */
  interface World {
    fx: RoleFixture;
    org: Record<Agency, string>;
    /** A: a group memberA sits in; B: a group of agency B. */
    group: Record<Agency, string>;
    /** A household the group helps. */
    household: Record<Agency, string>;
    /** A: memberA's own staff record; B: a staff member sitting in B's group. */
    staff: Record<Agency, string>;
    /** Another staff member of the agency, for new groups. */
    otherStaff: Record<Agency, string>;
    fund: Record<Agency, string>;
    sharedPartnership: string;
    planId: string;
    villageId: string;
    communeId: string;
    memorandumId: string;
    commitmentId: string;
    records: Map<ResourceName, Record<Agency, string>>;
  }

  interface Reference {
    /** The list filter (react-admin's getManyReference target). */
    filter: string;
    /** The filter's meaning as SQL on alias `r`, with `:ref` for its value. */
    sql: string;
    /** The value pointing at agency B's parent. */
    value: (w: World) => Promise<string> | string;
  }

  interface ResourceSpec {
    table: string;
    /**
     * What the scope of an organization (`:org`, null for group members) and support groups
     * (`:groups`) holds, as SQL on alias `r`: the oracle's own statement of the scoping rules.
     */
    scope?: string;
    /** Whether A's record lies within memberA's groups. */
    memberSeesA?: boolean;
    /** The record of each agency in the demo data (for reference data: any two), or null to make it. */
    find: (w: World, agency: Agency) => Promise<string | null>;
    reference?: Reference;
    /** A new record of the agency (unique by `n`). */
    create?: (w: World, agency: Agency, n: number) => Vars | Promise<Vars>;
    /** A harmless change. */
    update?: (n: number) => Vars;
    /** The fields that would move a record into the other agency. */
    move?: (w: World, to: Agency) => Vars;
    /** The table grows while the matrix reads it (logs). */
    growing?: boolean;
    /** The resource whose writes this one's must not overlap (it adds rows to that table too). */
    lane?: ResourceName;
  }

  let app: TestApp;
  let world: World;
  let argTypes: Map<string, Map<string, string>>;
  const tally = new Tally();
  const started = Date.now();

  const today = () => todayInVietnam();
  const serials = new Map<string, number>();
  const serial = (key: string) => {
    const n = (serials.get(key) ?? 0) + 1;
    serials.set(key, n);
    return n;
  };

  async function firstId(sql: string, params: unknown[] = []): Promise<string | null> {
    const rows = (await app.db.query(sql, params)) as { id: string | number }[];
    return rows[0] ? String(rows[0].id) : null;
  }

  /** The n-th row of a reference table (A: the first, B: the second). */
  const nth =
    (table: string, where = 'true') =>
    (_w: World, agency: Agency) =>
      firstId(
        `SELECT id FROM ${table} WHERE ${where} ORDER BY id LIMIT 1 OFFSET ${agency === 'A' ? 0 : 1}`,
      );

  /** The first row of a table under the agency's parent. */
  const under =
    (table: string, column: string, parent: (w: World, agency: Agency) => string, extra = 'true') =>
    (w: World, agency: Agency) =>
      firstId(`SELECT id FROM ${table} WHERE ${column} = $1 AND ${extra} ORDER BY id LIMIT 1`, [
        parent(w, agency),
      ]);

  /** getManyReference by a foreign key: B's record's own parent. */
  const byColumn = (resource: ResourceName, filter: string, column: string): Reference => ({
    filter,
    sql: `r.${column}::text = :ref`,
    value: async (w) => {
      const [row] = (await app.db.query(
        `SELECT ${column}::text AS value FROM ${SPECS[resource].table} WHERE id::text = $1`,
        [w.records.get(resource)!.B],
      )) as { value: string }[];
      if (!row?.value) throw new Error(`B's ${resource} has no ${column} to filter by`);
      return row.value;
    },
  });

  const HOUSEHOLDS = `(SELECT h.id FROM households h WHERE h.organization_id = :org
     UNION SELECT sgh.household_id FROM support_group_households sgh WHERE sgh.support_group_id = ANY(:groups))`;
  const STAFF = `(SELECT s.id FROM staff_members s WHERE s.organization_id = :org
     UNION SELECT m.staff_member_id FROM support_group_members m WHERE m.support_group_id = ANY(:groups)
     UNION SELECT g.leader_id FROM support_groups g WHERE g.id = ANY(:groups) AND g.leader_id IS NOT NULL)`;
  const FUNDS = `(SELECT f.id FROM funds f WHERE f.organization_id = :org)`;
  const byHousehold = `r.household_id IN ${HOUSEHOLDS}`;
  const byGroup = `r.group_id = ANY(:groups)`;
  const byFund = `r.fund_id IN ${FUNDS}`;

  /** A commune only the agency's partnership helps (made once), for its criterion assessments. */
  const soleCommunes = new Map<Agency, string>();
  const soleCommuneMade = new Map<Agency, Promise<string>>();
  const communeOnlyOf = (w: World, agency: Agency): Promise<string> => {
    if (!soleCommuneMade.has(agency))
      soleCommuneMade.set(
        agency,
        (async () => {
          const [unit] = (await app.db.query(
            `INSERT INTO administrative_units (level, name, parent_id)
             SELECT 'COMMUNE', $2, parent_id FROM administrative_units WHERE id = $1 RETURNING id`,
            [w.communeId, `Xã ma trận chỉ ${agency} giúp`],
          )) as { id: string }[];
          const [partnership] = (await app.db.query(
            `INSERT INTO partnerships (name, plan_id, commune_id) VALUES ($1, $2, $3) RETURNING id`,
            [`Ma trận: ${agency} giúp xã riêng`, w.planId, unit!.id],
          )) as { id: string }[];
          await app.db.query(
            `INSERT INTO partnership_sponsors (partnership_id, organization_id) VALUES ($1, $2)`,
            [partnership!.id, w.org[agency]],
          );
          soleCommunes.set(agency, unit!.id);
          return unit!.id;
        })(),
      );
    return soleCommuneMade.get(agency)!;
  };

  const SPECS: Record<ResourceName, ResourceSpec> = {
    AdministrativeUnit: {
      table: 'administrative_units',
      find: nth('administrative_units', 'parent_id IS NOT NULL'),
      reference: byColumn('AdministrativeUnit', 'parentId', 'parent_id'),
      create: (w, _a, n) => ({
        level: 'VILLAGE',
        name: `Thôn ma trận ${n}`,
        parentId: w.communeId,
      }),
      update: (n) => ({ name: `Thôn ma trận sửa ${n}` }),
    },
    AdministrativeUnitSuccession: {
      table: 'administrative_unit_successions',
      find: nth('administrative_unit_successions'),
      reference: byColumn('AdministrativeUnitSuccession', 'successorId', 'successor_id'),
      // Its create makes two units first: kept apart from the unit writes the matrix counts.
      lane: 'AdministrativeUnit',
      // A commune closed on 31/12/2019 merged into a new one: the rules of a succession hold.
      create: async (_w, _a, n) => {
        const [before] = (await app.db.query(
          `INSERT INTO administrative_units (level, name, valid_to) VALUES ('COMMUNE', $1, '2019-12-31') RETURNING id`,
          [`Xã ma trận cũ ${n}`],
        )) as { id: string }[];
        const [after] = (await app.db.query(
          `INSERT INTO administrative_units (level, name, valid_from) VALUES ('COMMUNE', $1, '2020-01-01') RETURNING id`,
          [`Xã ma trận mới ${n}`],
        )) as { id: string }[];
        return {
          predecessorId: before!.id,
          successorId: after!.id,
          kind: 'MERGED_INTO',
          effectiveDate: '2020-01-01',
          legalAct: `Nghị quyết ma trận ${n}`,
        };
      },
      update: (n) => ({ note: `Ghi chú ${n}` }),
    },
    PovertyStandard: {
      table: 'poverty_standards',
      find: nth('poverty_standards'),
      create: (_w, _a, n) => ({
        code: `MT-${n}`,
        name: `Chuẩn nghèo ma trận ${n}`,
        legalAct: `Văn bản ma trận ${n}`,
        kind: 'INCOME',
        validFrom: `${1900 + n}-01-01`,
        validTo: `${1900 + n}-12-31`,
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
    },
    Organization: {
      table: 'organizations',
      find: (w, agency) => Promise.resolve(w.org[agency]),
      create: (_w, _a, n) => ({ kind: 'OTHER', name: `Tổ chức ma trận ${n}` }),
      update: (n) => ({ shortName: `TC ${n}` }),
    },
    Plan: {
      table: 'plans',
      find: nth('plans'),
      create: (_w, _a, n) => ({ code: `MT-${n}-${Date.now()}`, title: `Kế hoạch ma trận ${n}` }),
      update: (n) => ({ modelName: `Mô hình ${n}` }),
    },
    Memorandum: {
      table: 'memoranda',
      find: nth('memoranda'),
      reference: byColumn('Memorandum', 'partnershipId', 'partnership_id'),
      create: (w, agency, n) => ({
        partnershipId: w.sharedPartnership,
        partyIds: [w.org[agency]],
        title: `Biên bản ma trận ${n}`,
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
    },
    Commitment: {
      table: 'commitments',
      find: nth('commitments'),
      reference: byColumn('Commitment', 'memorandumId', 'memorandum_id'),
      create: (w, _a, n) => ({
        memorandumId: w.memorandumId,
        area: 'LEGAL_SUPPORT',
        title: `Cam kết ma trận ${n}`,
      }),
      update: (n) => ({ description: `Mô tả ${n}` }),
    },
    CounterpartResponsibility: {
      table: 'counterpart_responsibilities',
      find: nth('counterpart_responsibilities'),
      reference: byColumn('CounterpartResponsibility', 'memorandumId', 'memorandum_id'),
      create: (w, _a, n) => ({
        memorandumId: w.memorandumId,
        position: 100 + n,
        description: `Trách nhiệm ma trận ${n}`,
      }),
      update: (n) => ({ description: `Trách nhiệm sửa ${n}` }),
    },
    CriteriaSet: {
      table: 'criteria_sets',
      find: nth('criteria_sets'),
      create: (_w, _a, n) => ({
        code: `MT-${n}-${Date.now()}`,
        name: `Bộ tiêu chí ma trận ${n}`,
        legalAct: `Quyết định ma trận ${n}`,
        validFrom: '1990-01-01',
        validTo: '1990-12-31',
      }),
      update: (n) => ({ source: `Nguồn ${n}` }),
    },
    Criterion: {
      table: 'criteria',
      find: nth('criteria'),
      reference: byColumn('Criterion', 'criteriaSetId', 'criteria_set_id'),
      create: async (_w, _a, n) => ({
        criteriaSetId: await firstId(`SELECT id FROM criteria_sets WHERE code = 'NTM-2009'`),
        number: `MT${n}`,
        name: `Tiêu chí ma trận ${n}`,
      }),
      update: (n) => ({ note: `Ghi chú ${n}` }),
    },
    CriterionIndicator: {
      table: 'criterion_indicators',
      find: nth('criterion_indicators'),
      reference: byColumn('CriterionIndicator', 'criterionId', 'criterion_id'),
      create: async (_w, _a, n) => ({
        criterionId: await firstId(
          `SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id
            WHERE s.code = 'NTM-2009' AND c.number = '1'`,
        ),
        code: `MT.${n}`,
        content: `Chỉ tiêu ma trận ${n}`,
      }),
      update: (n) => ({ target: `Mục tiêu ${n}` }),
    },
    CriterionAssessment: {
      table: 'criterion_assessments',
      // Officers read every assessment and write those of communes their agency's partnerships help.
      scope: `r.commune_id IN (SELECT p.commune_id FROM partnerships p
         JOIN partnership_sponsors ps ON ps.partnership_id = p.id WHERE ps.organization_id = :org)`,
      memberSeesA: true,
      // Each agency's record lies in a commune only that agency's partnership helps.
      find: async (w, agency) =>
        firstId(`SELECT id FROM criterion_assessments WHERE commune_id = $1 ORDER BY id LIMIT 1`, [
          await communeOnlyOf(w, agency),
        ]),
      reference: byColumn('CriterionAssessment', 'communeId', 'commune_id'),
      // Years 2009–2013 of the 2009 set, which the demo's sample assessments leave free; never a
      // criterion the Criterion lane creates (and deletes while this lane runs beside it).
      create: async (w, agency, n) => ({
        communeId: await communeOnlyOf(w, agency),
        criterionId: await firstId(
          `SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id
            WHERE s.code = 'NTM-2009' AND c.number NOT LIKE 'MT%'
            ORDER BY c.position OFFSET ${Math.floor(n / 5) % 19} LIMIT 1`,
        ),
        year: 2009 + (n % 5),
        met: n % 2 === 0,
        assessedOn: `${2009 + (n % 5)}-12-31`,
      }),
      update: (n) => ({ evidence: `Minh chứng ${n}` }),
      move: (_w, to) => ({ communeId: soleCommunes.get(to) }),
    },
    InformationRequest: {
      table: 'information_requests',
      find: nth('information_requests'),
      reference: byColumn('InformationRequest', 'partnershipId', 'partnership_id'),
      create: (w, agency, n) => ({
        partnershipId: w.sharedPartnership,
        recipientIds: [w.org[agency]],
        status: 'DRAFT',
        topic: 'OTHER',
        details: `Đề nghị ma trận ${n}`,
      }),
      update: (n) => ({ details: `Đề nghị sửa ${n}` }),
    },
    ProgressEntry: {
      table: 'progress_entries',
      find: nth('progress_entries'),
      reference: byColumn('ProgressEntry', 'commitmentId', 'commitment_id'),
      create: (w, _a, n) => ({
        commitmentId: w.commitmentId,
        description: `Tiến độ ma trận ${n}`,
        entryDate: today(),
      }),
      update: (n) => ({ description: `Tiến độ sửa ${n}` }),
    },
    Partnership: {
      table: 'partnerships',
      scope: `(r.id IN (SELECT ps.partnership_id FROM partnership_sponsors ps WHERE ps.organization_id = :org)
        OR r.id IN (SELECT g.partnership_id FROM support_groups g WHERE g.id = ANY(:groups)))`,
      // A's record is sponsored by A alone and runs no group: memberA does not reach it.
      memberSeesA: false,
      find: (w, agency) =>
        firstId(
          `SELECT p.id FROM partnerships p
            WHERE EXISTS (SELECT 1 FROM partnership_sponsors s WHERE s.partnership_id = p.id AND s.organization_id = $1)
              AND NOT EXISTS (SELECT 1 FROM partnership_sponsors s WHERE s.partnership_id = p.id AND s.organization_id <> $1)
              AND NOT EXISTS (SELECT 1 FROM support_groups g WHERE g.partnership_id = p.id)
              AND p.name NOT LIKE 'Ma trận:%'
            ORDER BY p.id LIMIT 1`,
          [w.org[agency]],
        ),
      reference: {
        filter: 'sponsorId',
        sql: `r.id IN (SELECT ps.partnership_id FROM partnership_sponsors ps WHERE ps.organization_id::text = :ref)`,
        value: (w) => w.org.B,
      },
      create: (w, agency, n) => ({
        name: `Liên kết ma trận ${agency} ${n}`,
        planId: w.planId,
        communeId: w.communeId,
        sponsorIds: [w.org[agency]],
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ sponsorIds: [w.org[to]] }),
    },
    SupportGroup: {
      table: 'support_groups',
      scope: `(r.organization_id = :org OR r.id = ANY(:groups))`,
      memberSeesA: true,
      find: (w, agency) => Promise.resolve(w.group[agency]),
      reference: byColumn('SupportGroup', 'organizationId', 'organization_id'),
      create: (w, agency, n) => ({
        name: `Nhóm ma trận ${agency} ${n}`,
        organizationId: w.org[agency],
        partnershipId: w.sharedPartnership,
        memberIds: [w.otherStaff[agency]],
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ organizationId: w.org[to], memberIds: [w.otherStaff[to]] }),
    },
    StaffMember: {
      table: 'staff_members',
      scope: `r.id IN ${STAFF}`,
      memberSeesA: true,
      find: (w, agency) => Promise.resolve(w.staff[agency]),
      reference: byColumn('StaffMember', 'organizationId', 'organization_id'),
      create: (w, agency, n) => ({
        fullName: `Cán bộ ma trận ${agency} ${n}`,
        organizationId: w.org[agency],
      }),
      update: (n) => ({ position: `Chức vụ ${n}` }),
      move: (w, to) => ({ organizationId: w.org[to] }),
    },
    StaffAssignment: {
      table: 'staff_assignments',
      scope: `r.staff_member_id IN ${STAFF}`,
      memberSeesA: true,
      find: under('staff_assignments', 'staff_member_id', (w, a) => w.staff[a]),
      reference: byColumn('StaffAssignment', 'staffMemberId', 'staff_member_id'),
      create: (w, agency, n) => ({
        staffMemberId: w.staff[agency],
        organizationId: w.org[agency],
        titleRank: 'CIVIL_SERVANT',
        validFrom: `${1900 + n}-01-01`,
        validTo: `${1900 + n}-12-31`,
      }),
      update: () => ({ titleRank: 'DEPUTY_HEAD_OF_DIVISION' }),
      move: (w, to) => ({ staffMemberId: w.staff[to], organizationId: w.org[to] }),
    },
    Household: {
      table: 'households',
      scope: `r.id IN ${HOUSEHOLDS}`,
      memberSeesA: true,
      find: (w, agency) => Promise.resolve(w.household[agency]),
      reference: byColumn('Household', 'organizationId', 'organization_id'),
      create: (w, agency, n) => ({
        headName: `Hộ ma trận ${agency} ${n}`,
        villageId: w.villageId,
        organizationId: w.org[agency],
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ organizationId: w.org[to] }),
    },
    HouseholdMember: {
      table: 'household_members',
      scope: byHousehold,
      memberSeesA: true,
      find: under('household_members', 'household_id', (w, a) => w.household[a]),
      reference: byColumn('HouseholdMember', 'householdId', 'household_id'),
      create: (w, agency, n) => ({
        householdId: w.household[agency],
        fullName: `Thành viên ma trận ${n}`,
        relation: 'OTHER',
      }),
      update: (n) => ({ fullName: `Thành viên sửa ${n}` }),
      move: (w, to) => ({ householdId: w.household[to] }),
    },
    HouseholdCategoryPeriod: {
      table: 'household_category_periods',
      scope: byHousehold,
      memberSeesA: true,
      // A hand-entered period: those the reviews decide an officer may not edit (issue 14.4).
      find: under(
        'household_category_periods',
        'household_id',
        (w, a) => w.household[a],
        "source = 'MANUAL'",
      ),
      reference: byColumn('HouseholdCategoryPeriod', 'householdId', 'household_id'),
      create: (w, agency, n) => ({
        householdId: w.household[agency],
        category: 'NEAR_POOR',
        validFrom: `${1900 + n}-01-01`,
        validTo: `${1900 + n}-12-31`,
      }),
      update: () => ({ category: 'POOR' }),
      move: (w, to) => ({ householdId: w.household[to] }),
    },
    PovertyReview: {
      table: 'poverty_reviews',
      scope: byHousehold,
      memberSeesA: true,
      find: under('poverty_reviews', 'household_id', (w, a) => w.household[a]),
      reference: byColumn('PovertyReview', 'householdId', 'household_id'),
      create: (w, agency, n) => ({
        householdId: w.household[agency],
        year: 1990 + n,
        result: 'POOR',
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ householdId: w.household[to] }),
    },
    HouseProject: {
      table: 'house_projects',
      scope: byHousehold,
      memberSeesA: true,
      // One not yet approved: its budget may still change.
      find: under('house_projects', 'household_id', (w, a) => w.household[a], `stage = 'SURVEYED'`),
      reference: byColumn('HouseProject', 'householdId', 'household_id'),
      // One open project per household: the group's household, or a new one the group helps.
      create: async (w, agency, n) => {
        const open = await firstId(
          `SELECT id FROM house_projects WHERE household_id = $1 AND stage <> 'HANDED_OVER'`,
          [w.household[agency]],
        );
        let householdId = w.household[agency];
        if (open) {
          householdId = await adminCreate('Household', {
            headName: `Hộ nhà tạm ma trận ${agency} ${n}`,
            villageId: w.villageId,
            organizationId: w.org[agency],
          });
          await app.db.query(
            `INSERT INTO support_group_households (support_group_id, household_id) VALUES ($1, $2)`,
            [w.group[agency], householdId],
          );
        }
        return {
          title: `Dự án nhà ma trận ${n}`,
          householdId,
          commitmentId: await firstId(
            `SELECT id FROM commitments WHERE area = 'TEMPORARY_HOUSE_REMOVAL' ORDER BY id LIMIT 1`,
          ),
          estimatedCost: 40_000_000,
          surveyedDate: '2014-06-15',
          surveyedConfirmedBy: 'Cán bộ xã (mẫu)',
        };
      },
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ householdId: w.household[to] }),
      lane: 'Household',
    },
    HouseProjectFunding: {
      table: 'house_project_fundings',
      scope: `r.project_id IN (SELECT p.id FROM house_projects p WHERE p.household_id IN ${HOUSEHOLDS})`,
      memberSeesA: true,
      find: under('house_project_fundings', 'project_id', (w, a) => recordOf(w, 'HouseProject', a)),
      reference: byColumn('HouseProjectFunding', 'projectId', 'project_id'),
      create: (w, agency, n) => ({
        projectId: recordOf(w, 'HouseProject', agency),
        source: 'HOUSEHOLD_OWN',
        amount: 1_000_000 + n,
      }),
      update: (n) => ({ note: `Ghi chú ${n}` }),
      move: (w, to) => ({ projectId: recordOf(w, 'HouseProject', to) }),
    },
    Visit: {
      table: 'visits',
      scope: byGroup,
      memberSeesA: true,
      find: under('visits', 'group_id', (w, a) => w.group[a]),
      reference: byColumn('Visit', 'groupId', 'group_id'),
      create: (w, agency, n) => ({
        groupId: w.group[agency],
        householdId: w.household[agency],
        visitDate: today(),
        participantIds: [w.staff[agency]],
        findings: `Ghi nhận ma trận ${n}`,
      }),
      update: (n) => ({ findings: `Ghi nhận sửa ${n}` }),
      move: (w, to) => ({
        groupId: w.group[to],
        householdId: w.household[to],
        participantIds: [w.staff[to]],
      }),
    },
    SupportPlan: {
      table: 'support_plans',
      scope: byGroup,
      memberSeesA: true,
      find: under('support_plans', 'group_id', (w, a) => w.group[a]),
      reference: byColumn('SupportPlan', 'groupId', 'group_id'),
      create: (w, agency, n) => ({
        groupId: w.group[agency],
        householdId: w.household[agency],
        title: `Kế hoạch hỗ trợ ma trận ${n}`,
        status: 'DRAFT',
      }),
      update: (n) => ({ goals: `Mục tiêu ${n}` }),
      move: (w, to) => ({ groupId: w.group[to], householdId: w.household[to] }),
    },
    SupportPlanStep: {
      table: 'support_plan_steps',
      scope: `r.support_plan_id IN (SELECT p.id FROM support_plans p WHERE p.group_id = ANY(:groups))`,
      memberSeesA: true,
      find: under('support_plan_steps', 'support_plan_id', (w, a) => recordOf(w, 'SupportPlan', a)),
      reference: byColumn('SupportPlanStep', 'supportPlanId', 'support_plan_id'),
      create: (w, agency, n) => ({
        supportPlanId: recordOf(w, 'SupportPlan', agency),
        description: `Bước ma trận ${n}`,
      }),
      update: (n) => ({ description: `Bước sửa ${n}` }),
      move: (w, to) => ({ supportPlanId: recordOf(w, 'SupportPlan', to) }),
    },
    Aspiration: {
      table: 'aspirations',
      scope: byHousehold,
      memberSeesA: true,
      find: under('aspirations', 'household_id', (w, a) => w.household[a]),
      reference: byColumn('Aspiration', 'householdId', 'household_id'),
      create: (w, agency, n) => ({
        householdId: w.household[agency],
        content: `Nguyện vọng ma trận ${n}`,
        recordedDate: today(),
        status: 'RECORDED',
      }),
      update: (n) => ({ content: `Nguyện vọng sửa ${n}` }),
      move: (w, to) => ({ householdId: w.household[to] }),
    },
    HalfYearReport: {
      table: 'half_year_reports',
      scope: byGroup,
      memberSeesA: true,
      find: under('half_year_reports', 'group_id', (w, a) => w.group[a]),
      reference: byColumn('HalfYearReport', 'groupId', 'group_id'),
      create: (w, agency, n) => ({
        groupId: w.group[agency],
        year: 2000 + n,
        half: 1,
        narrative: `Báo cáo ma trận ${n}`,
      }),
      update: (n) => ({ narrative: `Báo cáo sửa ${n}` }),
      move: (w, to) => ({ groupId: w.group[to] }),
    },
    Fund: {
      table: 'funds',
      scope: `r.organization_id = :org`,
      find: (w, agency) => Promise.resolve(w.fund[agency]),
      reference: byColumn('Fund', 'organizationId', 'organization_id'),
      // One fund per organization and plan: each new fund gets a plan of its own.
      create: async (w, agency, n) => ({
        name: `Quỹ ma trận ${agency} ${n}`,
        organizationId: w.org[agency],
        planId: await adminCreate('Plan', {
          code: `QMT-${n}-${Date.now()}`,
          title: `Kế hoạch của quỹ ${n}`,
        }),
      }),
      update: (n) => ({ notes: `Ghi chú ${n}` }),
      move: (w, to) => ({ organizationId: w.org[to] }),
      lane: 'Plan',
    },
    ContributionRate: {
      table: 'contribution_rates',
      scope: byFund,
      find: under('contribution_rates', 'fund_id', (w, a) => w.fund[a]),
      reference: byColumn('ContributionRate', 'fundId', 'fund_id'),
      create: (w, agency, n) => ({
        fundId: w.fund[agency],
        titleRank: 'CIVIL_SERVANT',
        monthlyAmount: 10_000,
        validFrom: `${1900 + n}-01-01`,
        validTo: `${1900 + n}-12-31`,
      }),
      update: (n) => ({ monthlyAmount: 20_000 + n }),
      move: (w, to) => ({ fundId: w.fund[to] }),
    },
    Contribution: {
      table: 'contributions',
      scope: byFund,
      find: under('contributions', 'fund_id', (w, a) => w.fund[a]),
      reference: byColumn('Contribution', 'fundId', 'fund_id'),
      create: (w, agency, n) => ({
        fundId: w.fund[agency],
        staffMemberId: w.staff[agency],
        month: `${1900 + n}-01-01`,
        amount: 10_000,
        paidDate: today(),
        note: `Đóng góp ma trận ${n}`,
      }),
    },
    Donation: {
      table: 'donations',
      scope: byFund,
      find: under('donations', 'fund_id', (w, a) => w.fund[a]),
      reference: byColumn('Donation', 'fundId', 'fund_id'),
      create: (w, agency, n) => ({
        fundId: w.fund[agency],
        donorKind: 'INDIVIDUAL',
        donorName: `Nhà hảo tâm ma trận ${n}`,
        form: 'CASH',
        amount: 100_000,
        receivedDate: today(),
      }),
    },
    Disbursement: {
      table: 'disbursements',
      scope: byFund,
      // Only planned disbursements can change: B's must be one, so a refusal is about scope.
      find: under('disbursements', 'fund_id', (w, a) => w.fund[a], `status = 'PLANNED'`),
      reference: byColumn('Disbursement', 'fundId', 'fund_id'),
      create: (w, agency, n) => ({
        fundId: w.fund[agency],
        purpose: 'OTHER',
        description: `Chi ma trận ${n}`,
        quantity: 1,
        unitAmount: 50_000,
        amount: 50_000,
      }),
      update: (n) => ({ note: `Ghi chú ${n}` }),
      move: (w, to) => ({ fundId: w.fund[to] }),
    },
    User: {
      table: 'users',
      find: (w, agency) =>
        Promise.resolve(agency === 'A' ? w.fx.userIds.officerA : w.fx.userIds.officerB),
      reference: byColumn('User', 'organizationId', 'organization_id'),
      create: (w, agency, n) => ({
        username: `matrix_${n}_${Date.now().toString(36)}`,
        displayName: `Người dùng ma trận ${n}`,
        password: `mật-khẩu-ma-trận-${n}-dài`,
        role: 'AGENCY_OFFICER',
        organizationId: w.org[agency],
      }),
      update: (n) => ({ displayName: `Người dùng sửa ${n}` }),
    },
    AuditEntry: {
      table: 'audit_log',
      find: nth('audit_log', 'actor_user_id IS NOT NULL'),
      reference: byColumn('AuditEntry', 'actorUserId', 'actor_user_id'),
      growing: true,
    },
    AccessLogEntry: {
      table: 'access_log',
      find: nth('access_log'),
      reference: byColumn('AccessLogEntry', 'userId', 'user_id'),
      growing: true,
    },
  };

  function recordOf(w: World, resource: ResourceName, agency: Agency): string {
    const records = w.records.get(resource);
    if (!records) throw new Error(`${resource} records are set up after the records they need`);
    return records[agency];
  }

  // ---------------------------------------------------------------------------------------------
  // Requests and the oracle

  const cookieOf = (user: UserKey) => world.fx.cookies[user];

  async function adminCreate(resource: ResourceName, vars: Vars): Promise<string> {
    const name = OPS.get(resource)!.create;
    if (!name) throw new Error(`the schema has no create${resource}`);
    const response = await app.graphql(mutationDocument(argTypes, name, vars), vars, {
      cookie: cookieOf('admin'),
    });
    return String((dataOf(response) as { result: { id: string } }).result.id);
  }

  /** A new record of the agency, made by the admin for one cell. */
  async function fresh(resource: ResourceName, agency: Agency): Promise<string> {
    const vars = await SPECS[resource].create!(world, agency, serial(resource));
    return adminCreate(resource, vars);
  }

  async function removeQuietly(resource: ResourceName, id: string) {
    const name = OPS.get(resource)!.remove;
    if (!name) return;
    await app.graphql(
      `mutation ($id: ID!) { ${name}(id: $id) { id } }`,
      { id },
      {
        cookie: cookieOf('admin'),
      },
    );
  }

  /** What the policy statement grants: 'scoped' is the statement's 'own'. */
  type Reach = 'all' | 'scoped';
  const reachOf = (reach: 'all' | 'own' | undefined): Reach | undefined =>
    reach === 'own' ? 'scoped' : reach;
  const readReach = (resource: ResourceName, user: UserKey): Reach | undefined =>
    reachOf(expectedGrant(ROLE_OF[user], resource).read);
  const writeReach = (resource: ResourceName, user: UserKey): Reach | undefined =>
    reachOf(expectedGrant(ROLE_OF[user], resource).write);

  /** Whether the user should read the agency's record, from the grant and where the record lies. */
  function sees(resource: ResourceName, user: UserKey, agency: Agency): boolean {
    const reach = readReach(resource, user);
    if (!reach) return false;
    if (reach === 'all') return true;
    if (user === 'memberA') return agency === 'A' && SPECS[resource].memberSeesA === true;
    return HOME[user] === agency;
  }

  /** The scope parameters of a scoped user, read live (new groups widen an officer's scope). */
  async function scopeOf(user: UserKey): Promise<{ org: string | null; groups: string[] }> {
    if (user === 'memberA') {
      const staff = world.fx.agencyA.groupMemberStaffId;
      const rows = (await app.db.query(
        `SELECT id FROM support_groups WHERE leader_id = $1
          UNION SELECT support_group_id FROM support_group_members WHERE staff_member_id = $1`,
        [staff],
      )) as { id: string }[];
      return { org: null, groups: rows.map((r) => r.id) };
    }
    const org = world.org[HOME[user]!];
    const rows = (await app.db.query(`SELECT id FROM support_groups WHERE organization_id = $1`, [
      org,
    ])) as { id: string }[];
    return { org, groups: rows.map((r) => r.id) };
  }

  /** The ids the user may read, per app.db: every row for 'all', the scope's rows for 'scoped'. */
  async function oracle(
    resource: ResourceName,
    user: UserKey,
    extra?: { sql: string; ref: string },
  ): Promise<string[]> {
    const spec = SPECS[resource];
    const reach = readReach(resource, user);
    const conditions: string[] = [];
    if (reach === 'scoped') {
      if (!spec.scope) throw new Error(`${resource} is scoped for ${user} but has no oracle scope`);
      conditions.push(spec.scope);
    }
    if (extra) conditions.push(extra.sql);
    const scope = reach === 'scoped' ? await scopeOf(user) : { org: null, groups: [] };
    const params: unknown[] = [];
    const sql = (conditions.length ? conditions.join(' AND ') : 'true').replace(
      /:(org|groups|ref)\b/g,
      (_match, key: string) => {
        params.push(key === 'org' ? scope.org : key === 'groups' ? scope.groups : extra!.ref);
        return key === 'org'
          ? `$${params.length}::uuid`
          : key === 'groups'
            ? `$${params.length}::uuid[]`
            : `$${params.length}::text`;
      },
    );
    const rows = (await app.db.query(
      `SELECT r.id::text AS id FROM ${spec.table} r WHERE ${sql}`,
      params,
    )) as { id: string }[];
    return rows.map((r) => r.id).sort();
  }

  async function countRows(table: string): Promise<number> {
    const [row] = (await app.db.query(`SELECT count(*)::int AS count FROM ${table}`)) as {
      count: number;
    }[];
    return row!.count;
  }

  async function snapshot(table: string, id: string): Promise<unknown> {
    const [row] = (await app.db.query(
      `SELECT to_jsonb(r) AS row FROM ${table} r WHERE r.id::text = $1`,
      [id],
    )) as { row: unknown }[];
    return row?.row ?? null;
  }

  // ---------------------------------------------------------------------------------------------
  // The cells

  type ReadOp =
    'list' | 'count' | 'getOne(A)' | 'getOne(B)' | 'getMany' | 'getManyReference' | 'export';
  type WriteOp = 'create' | 'update' | 'delete' | 'move';

  interface Cell {
    name: string;
    resource: ResourceName;
    user: UserKey;
    /** Expected: 'FORBIDDEN' (no grant), 'ok', 'hidden' (NOT_FOUND / not listed) or 'refused'. */
    expected: 'FORBIDDEN' | 'ok' | 'hidden' | 'refused';
  }
  interface ReadCell extends Cell {
    kind: 'read';
    op: ReadOp;
  }
  interface WriteCell extends Cell {
    kind: 'write';
    op: WriteOp;
    /** The agency whose parent a create uses, whose record an update/delete targets. */
    agency: Agency;
    /** Update/delete a new record made for the cell rather than the agency's standing one. */
    fresh: boolean;
  }

  const notInSchema: string[] = [];

  function readCells(resource: ResourceName): ReadCell[] {
    const ops = OPS.get(resource)!;
    const spec = SPECS[resource];
    const cells: ReadCell[] = [];
    for (const user of USERS) {
      const reach = readReach(resource, user);
      const add = (op: ReadOp, available: boolean, outcome: string, expected: Cell['expected']) => {
        if (!available) {
          notInSchema.push(`${resource} ${op}`);
          return;
        }
        const label = reach ? outcome : 'FORBIDDEN';
        cells.push({
          kind: 'read',
          name: `${user} · ${resource} · ${op} → ${label}`,
          resource,
          user,
          op,
          expected: reach ? expected : 'FORBIDDEN',
        });
      };
      const scoped = reach === 'scoped';
      const seeA = sees(resource, user, 'A');
      const seeB = sees(resource, user, 'B');
      add('list', !!ops.list, scoped ? 'only rows in scope' : 'rows of every agency', 'ok');
      add('count', !!ops.meta, scoped ? 'rows in scope (app.db)' : 'all rows (app.db)', 'ok');
      add('getOne(A)', !!ops.one, seeA ? 'ok' : 'NOT_FOUND', seeA ? 'ok' : 'hidden');
      add('getOne(B)', !!ops.one, seeB ? 'ok' : 'NOT_FOUND', seeB ? 'ok' : 'hidden');
      const many = `[${[seeA ? 'A' : '', seeB ? 'B' : ''].filter(Boolean).join(', ')}]`;
      add('getMany', !!ops.list && !!ops.meta && ops.filterFields.has('ids'), many, 'ok');
      if (spec.reference) {
        add(
          'getManyReference',
          !!ops.list && !!ops.meta && ops.filterFields.has(spec.reference.filter),
          `${spec.reference.filter}=B's: ${seeB ? "includes B's" : "never B's"}`,
          seeB ? 'ok' : 'hidden',
        );
      }
      add(
        'export',
        !!ops.list && !!ops.meta,
        scoped ? 'exactly the rows in scope' : 'every row',
        'ok',
      );
    }
    return cells;
  }

  function writeCells(resource: ResourceName): WriteCell[] {
    const ops = OPS.get(resource)!;
    const spec = SPECS[resource];
    const cells: WriteCell[] = [];
    const available = (op: WriteOp) =>
      op === 'create' ? !!ops.create : op === 'delete' ? !!ops.remove : !!ops.update;
    const has = new Set<string>();
    for (const user of USERS) {
      const reach = writeReach(resource, user);
      const add = (
        op: WriteOp,
        agency: Agency,
        fresh: boolean,
        what: string,
        expected: Cell['expected'],
      ) => {
        if (!available(op) || (op === 'update' && !spec.update) || (op === 'move' && !spec.move)) {
          if (!has.has(op)) notInSchema.push(`${resource} ${op}`);
          has.add(op);
          return;
        }
        const outcome = expected === 'ok' ? 'ok' : expected;
        cells.push({
          kind: 'write',
          name: `${user} · ${resource} · ${what} → ${outcome}`,
          resource,
          user,
          op,
          agency,
          fresh,
          expected,
        });
      };
      if (!spec.create) continue;
      if (!reach) {
        add('create', 'A', false, 'create(in A)', 'FORBIDDEN');
        add('update', 'A', false, "update(A's)", 'FORBIDDEN');
        add('delete', 'A', false, "delete(A's)", 'FORBIDDEN');
      } else if (reach === 'all') {
        add('create', 'B', false, 'create(in B)', 'ok');
        add('update', 'B', true, "update(new B's)", 'ok');
        add('delete', 'B', true, "delete(new B's)", 'ok');
      } else {
        const home = HOME[user]!;
        const away = other(home);
        add('create', home, false, `create(in ${home})`, 'ok');
        add('create', away, false, `create(in ${away})`, 'refused');
        add('update', home, true, `update(new ${home}'s)`, 'ok');
        add('update', away, false, `update(${away}'s)`, 'refused');
        add('delete', home, true, `delete(new ${home}'s)`, 'ok');
        add('delete', away, false, `delete(${away}'s)`, 'refused');
        add('move', away, true, `update(new ${home}'s → into ${away})`, 'refused');
      }
    }
    return cells;
  }

  // ---------------------------------------------------------------------------------------------
  // Running and judging a cell

  interface ReadResult {
    request: { query: string; variables?: Vars };
    response: GraphQLResponse<any>;
    expectedIds: string[];
    /** The oracle after the request, for growing tables. */
    expectedAfter: string[];
  }

  async function runRead(cell: ReadCell): Promise<ReadResult> {
    const ops = OPS.get(cell.resource)!;
    const spec = SPECS[cell.resource];
    const records = world.records.get(cell.resource)!;
    let query: string;
    let variables: Vars | undefined;
    let extra: { sql: string; ref: string } | undefined;
    let only: string[] | undefined;
    const withFilter = `query ($filter: ${ops.filterType}) {
        rows: ${ops.list}(perPage: 1000, filter: $filter) { id }
        meta: ${ops.meta}(filter: $filter) { count } }`;
    switch (cell.op) {
      case 'list':
        query = `{ rows: ${ops.list} { id } }`;
        break;
      case 'count':
        query = `{ meta: ${ops.meta} { count } }`;
        break;
      case 'getOne(A)':
      case 'getOne(B)':
        query = `query ($id: ID!) { row: ${ops.one}(id: $id) { id } }`;
        variables = { id: cell.op === 'getOne(A)' ? records.A : records.B };
        break;
      case 'getMany':
        query = withFilter;
        variables = { filter: { ids: [records.A, records.B] } };
        only = [records.A, records.B];
        break;
      case 'getManyReference': {
        const ref = spec.reference!;
        const value = await ref.value(world);
        query = withFilter;
        variables = { filter: { [ref.filter]: value } };
        extra = { sql: ref.sql, ref: value };
        break;
      }
      case 'export':
        query = `{ rows: ${ops.list}(perPage: 1000) { id } meta: ${ops.meta} { count } }`;
        break;
    }
    const reach = readReach(cell.resource, cell.user);
    const before = reach ? await oracle(cell.resource, cell.user, extra) : [];
    const response = await app.graphql(query, variables, { cookie: cookieOf(cell.user) });
    const after = reach && spec.growing ? await oracle(cell.resource, cell.user, extra) : before;
    const filter = (ids: string[]) => (only ? ids.filter((id) => only.includes(id)) : ids);
    return {
      request: { query, variables },
      response,
      expectedIds: filter(before),
      expectedAfter: filter(after),
    };
  }

  function judgeRead(cell: ReadCell, result: ReadResult) {
    const { response, expectedIds, expectedAfter } = result;
    const why = explain(result.request, response.body);
    const records = world.records.get(cell.resource)!;
    const growing = SPECS[cell.resource].growing === true;
    if (cell.expected === 'FORBIDDEN') {
      expect(response.body.data ?? null, why).toBeNull();
      expect(errorOf(response)?.code, why).toBe('FORBIDDEN');
      return;
    }
    if (cell.op === 'getOne(A)' || cell.op === 'getOne(B)') {
      const id = cell.op === 'getOne(A)' ? records.A : records.B;
      if (cell.expected === 'hidden') {
        expect(response.body.data ?? null, why).toBeNull();
        expect(errorOf(response)?.code, why).toBe('NOT_FOUND');
      } else {
        expect(response.body.errors, why).toBeUndefined();
        expect(String(response.body.data?.row?.id), why).toBe(id);
      }
      return;
    }
    expect(response.body.errors, why).toBeUndefined();
    const data = response.body.data as { rows?: { id: string }[]; meta?: { count: number } };
    const ids = (data.rows ?? []).map((r) => String(r.id)).sort();
    const allowed = new Set([...expectedIds, ...expectedAfter]);
    switch (cell.op) {
      case 'list': {
        expect(
          ids.filter((id) => !allowed.has(id)),
          `${why}\nrows outside the user's reach`,
        ).toEqual([]);
        expect(ids.length, why).toBe(
          Math.min(25, growing ? expectedAfter.length : expectedIds.length),
        );
        break;
      }
      case 'count':
        if (growing) {
          expect(data.meta!.count, why).toBeGreaterThanOrEqual(expectedIds.length);
          expect(data.meta!.count, why).toBeLessThanOrEqual(expectedAfter.length);
        } else expect(data.meta!.count, why).toBe(expectedIds.length);
        break;
      case 'getMany': {
        const wanted = [
          ...(sees(cell.resource, cell.user, 'A') ? [records.A] : []),
          ...(sees(cell.resource, cell.user, 'B') ? [records.B] : []),
        ].sort();
        expect(expectedIds, `the fixture: what app.db places in ${cell.user}'s scope`).toEqual(
          wanted,
        );
        expect(ids, why).toEqual(wanted);
        expect(data.meta!.count, why).toBe(wanted.length);
        break;
      }
      case 'getManyReference':
      case 'export': {
        if (cell.op === 'getManyReference') {
          expect(ids.includes(records.B), `${why}\nB's record listed`).toBe(cell.expected === 'ok');
        }
        if (growing) {
          expect(
            ids.filter((id) => !allowed.has(id)),
            `${why}\nrows outside the user's reach`,
          ).toEqual([]);
          expect(ids.length, why).toBe(Math.min(1000, expectedAfter.length));
          expect(data.meta!.count, why).toBeGreaterThanOrEqual(expectedIds.length);
          expect(data.meta!.count, why).toBeLessThanOrEqual(expectedAfter.length);
        } else {
          expect(
            expectedIds.length,
            'the oracle holds at most one export page',
          ).toBeLessThanOrEqual(1000);
          expect(ids, why).toEqual(expectedIds);
          expect(data.meta!.count, why).toBe(expectedIds.length);
        }
        break;
      }
    }
  }

  /**
   * How a write reaching into the other agency is refused: by the scope, as an unknown record, or
   * (a partnership's sponsors) as the other agency's participation, which only an admin changes.
   */
  const CROSS_AGENCY = [
    'FORBIDDEN:ownAgency',
    'FORBIDDEN:scope',
    'BAD_USER_INPUT:exists',
    'FORBIDDEN:otherAgencyParticipation',
  ];
  /** How a write to a record the user cannot see is refused. */
  const HIDDEN = ['NOT_FOUND', 'FORBIDDEN'];

  /**
   * A refused request: no data, and an error among the accepted ones (`CODE` or `CODE:rule`), naming
   * the field when one is given.
   */
  function expectRefusal(
    response: GraphQLResponse<any>,
    why: string,
    accepted: string[],
    field?: string,
  ): ErrorSummary | null {
    expect(response.body.data ?? null, why).toBeNull();
    const error = errorOf(response);
    const matches = accepted.some((entry) => {
      const [code, rule] = entry.split(':');
      return error?.code === code && (!rule || error?.rule === rule);
    });
    expect(matches, `${why}\nexpected one of ${accepted.join(', ')}`).toBe(true);
    if (field) expect(error?.field, why).toBe(field);
    return error;
  }

  /** A refused write names a reason the caller may see and returns no record. */
  function expectRefused(cell: WriteCell, response: GraphQLResponse<any>, why: string) {
    const error = expectRefusal(
      response,
      why,
      cell.op === 'update' || cell.op === 'delete' ? HIDDEN : CROSS_AGENCY,
    );
    tally.add(`refusals · ${cell.op} · ${error?.code}${error?.rule ? ` (${error.rule})` : ''}`);
  }

  async function runWrite(cell: WriteCell) {
    const ops = OPS.get(cell.resource)!;
    const spec = SPECS[cell.resource];
    const cookie = cookieOf(cell.user);
    if (cell.op === 'create') {
      const vars = await spec.create!(world, cell.agency, serial(cell.resource));
      const query = mutationDocument(argTypes, ops.create!, vars);
      const before = await countRows(spec.table);
      const response = await app.graphql(query, vars, { cookie });
      const why = explain({ query, variables: vars }, response.body);
      const after = await countRows(spec.table);
      if (cell.expected === 'ok') {
        expect(response.body.errors, why).toBeUndefined();
        const id = String(response.body.data?.result?.id);
        expect(await snapshot(spec.table, id), why).not.toBeNull();
        expect(after, `rows in ${spec.table}`).toBe(before + 1);
        await removeQuietly(cell.resource, id);
        return;
      }
      if (cell.expected === 'FORBIDDEN') {
        expect(response.body.data ?? null, why).toBeNull();
        expect(errorOf(response)?.code, why).toBe('FORBIDDEN');
      } else expectRefused(cell, response, why);
      expect(after, `rows in ${spec.table} (${why})`).toBe(before);
      return;
    }
    // A move takes a new record of the user's own agency into the cell's (other) agency.
    const target =
      cell.op === 'move'
        ? await fresh(cell.resource, other(cell.agency))
        : cell.fresh
          ? await fresh(cell.resource, cell.agency)
          : world.records.get(cell.resource)![cell.agency];
    const vars: Vars =
      cell.op === 'delete'
        ? { id: target }
        : cell.op === 'move'
          ? { id: target, ...spec.move!(world, cell.agency) }
          : { id: target, ...spec.update!(serial(cell.resource)) };
    const query =
      cell.op === 'delete'
        ? `mutation ($id: ID!) { result: ${ops.remove}(id: $id) { id } }`
        : mutationDocument(argTypes, ops.update!, vars);
    const before = await snapshot(spec.table, target);
    expect(before, `the ${cell.resource} ${target} to change exists`).not.toBeNull();
    const response = await app.graphql(query, vars, { cookie });
    const why = explain({ query, variables: vars }, response.body);
    const after = await snapshot(spec.table, target);
    if (cell.expected === 'ok') {
      expect(response.body.errors, why).toBeUndefined();
      expect(String(response.body.data?.result?.id), why).toBe(target);
      if (cell.op === 'delete') expect(after, `${why}\nthe row is gone`).toBeNull();
      else expect(after, `${why}\nthe row changed`).not.toEqual(before);
      return;
    }
    if (cell.expected === 'FORBIDDEN') {
      expect(response.body.data ?? null, why).toBeNull();
      expect(errorOf(response)?.code, why).toBe('FORBIDDEN');
    } else expectRefused(cell, response, why);
    expect(after, `${why}\nthe row is unchanged`).toEqual(before);
  }

  // ---------------------------------------------------------------------------------------------
  // Setting up the world

  async function buildWorld(fx: RoleFixture): Promise<World> {
    const need = async (sql: string, params: unknown[] = []) => {
      const id = await firstId(sql, params);
      if (!id) throw new Error(`the demo data has no row for: ${sql}`);
      return id;
    };
    const groupOf = (staff: string) =>
      need(
        `SELECT id FROM support_groups WHERE leader_id = $1
          UNION SELECT support_group_id FROM support_group_members WHERE staff_member_id = $1
          ORDER BY 1 LIMIT 1`,
        [staff],
      );
    const staff = { A: fx.agencyA.groupMemberStaffId, B: fx.agencyB.groupMemberStaffId };
    const group = { A: await groupOf(staff.A), B: await groupOf(staff.B) };
    const householdOf = (g: string) =>
      need(
        `SELECT household_id AS id FROM support_group_households WHERE support_group_id = $1 ORDER BY 1 LIMIT 1`,
        [g],
      );
    const org = { A: fx.agencyA.organizationId, B: fx.agencyB.organizationId };
    const otherStaffOf = (agency: Agency) =>
      need(
        `SELECT id FROM staff_members WHERE organization_id = $1 AND id <> $2 ORDER BY id LIMIT 1`,
        [org[agency], staff[agency]],
      );
    const w: World = {
      fx,
      org,
      group,
      household: { A: await householdOf(group.A), B: await householdOf(group.B) },
      staff,
      otherStaff: { A: await otherStaffOf('A'), B: await otherStaffOf('B') },
      fund: { A: fx.agencyA.fundId!, B: fx.agencyB.fundId! },
      sharedPartnership: await need(
        `SELECT partnership_id AS id FROM support_groups WHERE id = $1`,
        [group.A],
      ),
      planId: await need(`SELECT id FROM plans ORDER BY id LIMIT 1`),
      villageId: await need(
        `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY id LIMIT 1`,
      ),
      communeId: await need(
        `SELECT id FROM administrative_units WHERE level = 'COMMUNE' ORDER BY id LIMIT 1`,
      ),
      memorandumId: await need(`SELECT id FROM memoranda ORDER BY id LIMIT 1`),
      commitmentId: await need(`SELECT id FROM commitments ORDER BY id LIMIT 1`),
      records: new Map(),
    };
    world = w;
    // The matrix reviews years before any real standard: one in force then, and a hand-entered
    // period on each household for officers to edit (the demo's poverty periods are the reviews').
    await app.db
      .query(`INSERT INTO poverty_standards (code, name, legal_act, kind, valid_from, valid_to)
      VALUES ('MT', 'Chuẩn nghèo ma trận', 'Văn bản ma trận', 'INCOME', '1990-01-01', '2010-12-31')`);
    for (const id of [w.household.A, w.household.B])
      await app.db.query(
        `INSERT INTO household_category_periods (household_id, category, valid_from, valid_to)
         VALUES ($1, 'POLICY_FAMILY', '1950-01-01', '1950-12-31')`,
        [id],
      );
    // Personal reads fill the access log the matrix lists.
    for (const id of [w.household.A, w.household.B]) {
      dataOf(
        await app.graphql(
          `query ($id: ID!) { Household(id: $id) { id } }`,
          { id },
          {
            cookie: fx.cookies.admin,
          },
        ),
      );
    }
    for (const resource of RESOURCES) {
      const spec = SPECS[resource];
      const ids = {} as Record<Agency, string>;
      for (const agency of ['A', 'B'] as const) {
        let id = await spec.find(w, agency);
        if (!id && spec.create && OPS.get(resource)!.create) {
          id = await adminCreate(resource, await spec.create(w, agency, serial(resource)));
        }
        if (!id) throw new Error(`no ${resource} record for agency ${agency}`);
        ids[agency] = id;
      }
      w.records.set(resource, ids);
    }
    return w;
  }

  beforeAll(async () => {
    app = await startTestApp({ poolSize: 12, requestsAs: options.requestsAs });
    const fx = await signInRoles(app);
    argTypes = await loadMutationArgTypes(app, fx.cookies.admin);
    await buildWorld(fx);
    await runMatrix();
  }, 180_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `IDOR matrix: ${tally.get('cells')} cells run in ${seconds} s (${tally.get('passed')} passed)`,
        ...tally.lines(),
        `  operations not in the schema (no cell): ${[...new Set(notInSchema)].join(', ') || 'none'}`,
      ].join('\n'),
    );
    await app?.close();
  });

  describe('the matrix covers every resource of the policy statement', () => {
    it('has a record spec and a list query for each', () => {
      expect(Object.keys(SPECS).sort()).toEqual([...RESOURCES].sort());
      const missing = RESOURCES.filter((r) => !OPS.get(r)!.list && r !== 'User');
      expect(missing, 'resources without a list query in schema.graphql').toEqual([]);
    });

    it(`sends the server's requests ${options.requestsAs === 'owner' ? 'past' : 'through'} row-level security`, async () => {
      const [{ bypasses }] = (await app.appDb.query(
        `SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user`,
      )) as { bypasses: boolean }[];
      expect(bypasses).toBe(options.requestsAs === 'owner');
    });
  });

  /**
   * Cells that fail on today's server, each reported to the server's owner: kept out of the normal
   * run (the matrix stays green) and run with MATRIX_KNOWN_BUGS=1 until the server is fixed, when
   * they pass and their names leave this list.
   */
  // Cells that fail on today's server, run only with MATRIX_KNOWN_BUGS=1 (none now: the half-year
  // report 500 and the nested reads past the matrix found by this test are fixed).
  const KNOWN_FAILURES = new Set<string>([]);
  const RUN_KNOWN = process.env.MATRIX_KNOWN_BUGS === '1';

  /** One test per cell; known server failures go to a describe that runs only on request. */
  function eachCell<T extends Cell>(cells: T[], judge: (cell: T) => void | Promise<void>) {
    const run = async (cell: T) => {
      tally.add('cells');
      tally.add(`expected · ${cell.expected}`);
      tally.add(`kind · ${'kind' in cell ? String(cell.kind) : 'beyond the grammar'}`);
      await judge(cell);
      tally.add('passed');
    };
    const regular = cells.filter((c) => !KNOWN_FAILURES.has(c.name));
    const known = cells.filter((c) => KNOWN_FAILURES.has(c.name));
    if (regular.length > 0) it.each(regular)('$name', run);
    if (known.length > 0) {
      describe.skipIf(!RUN_KNOWN)('known server failures (MATRIX_KNOWN_BUGS=1)', () => {
        it.each(known)('$name', run);
      });
      if (!RUN_KNOWN) tally.add('known server failures (skipped)', known.length);
    }
  }

  interface NestedCell extends Cell {
    kind: 'nested';
    field: string;
    target: ResourceName;
  }

  /**
   * Field resolvers are a way around the list's scope: every record the user lists, with each
   * field that resolves another resource, may only bring back records of that resource the user
   * may read (none when the role has no grant on it). Asking only for the id is let through: the
   * owner shows it anyway as `xId`.
   */
  function nestedCells(resource: ResourceName): NestedCell[] {
    const ops = OPS.get(resource)!;
    if (!ops.list) return [];
    const cells: NestedCell[] = [];
    for (const user of USERS) {
      if (!readReach(resource, user)) continue;
      for (const { field, target } of ops.nested) {
        const reach = readReach(target as ResourceName, user);
        const label = !reach
          ? `no ${target} (no grant)`
          : reach === 'scoped'
            ? `only ${target} in scope`
            : `any ${target}`;
        cells.push({
          kind: 'nested',
          name: `${user} · ${resource}.${field} → ${label}`,
          resource,
          user,
          field,
          target: target as ResourceName,
          expected: reach ? 'ok' : 'hidden',
        });
      }
    }
    return cells;
  }

  interface NestedResult {
    request: { query: string };
    response: GraphQLResponse<any>;
    readable: Set<string> | null;
  }

  async function runNested(cell: NestedCell): Promise<NestedResult> {
    const ops = OPS.get(cell.resource)!;
    // More than the id: a reference's id alone is already a plain field of its owner (`xId`).
    const query = `{ rows: ${ops.list}(perPage: 1000) { id ${cell.field} { id createdAt } } }`;
    const reach = readReach(cell.target, cell.user);
    const response = await app.graphql(query, undefined, { cookie: cookieOf(cell.user) });
    const readable =
      reach === 'all'
        ? null
        : new Set(reach ? await oracle(cell.target, cell.user) : ([] as string[]));
    return { request: { query }, response, readable };
  }

  function judgeNested(cell: NestedCell, result: NestedResult) {
    const why = explain(result.request, result.response.body);
    const codes = (result.response.body.errors ?? []).map((e) => e.extensions?.code);
    expect(
      codes.filter((c) => c !== 'FORBIDDEN' && c !== 'NOT_FOUND'),
      `${why}\nonly refusals may stop a nested field`,
    ).toEqual([]);
    if (codes.length > 0) tally.add(`nested fields refused (${cell.target})`);
    if (!result.readable) return;
    const rows = (result.response.body.data?.rows ?? []) as Record<string, unknown>[];
    const reached = rows.flatMap((row) => {
      const value = row[cell.field] as { id: string } | { id: string }[] | null;
      return value == null ? [] : Array.isArray(value) ? value : [value];
    });
    const outside = [...new Set(reached.map((r) => String(r.id)))].filter(
      (id) => !result.readable!.has(id),
    );
    expect(outside, `${why}\n${cell.target} records beyond ${cell.user}'s reach`).toEqual([]);
  }

  /** Every cell of the matrix, computed when the file is collected. */
  const MATRIX = new Map(
    RESOURCES.map((resource) => [
      resource,
      { reads: readCells(resource), nested: nestedCells(resource), writes: writeCells(resource) },
    ]),
  );

  /** Each cell's verdict: null when it held, else the assertion error its test rethrows. */
  const verdicts = new Map<string, Error | null>();

  async function settle(cell: Cell, work: () => Promise<void> | void) {
    try {
      await work();
      verdicts.set(cell.name, null);
    } catch (error) {
      verdicts.set(cell.name, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Runs the matrix's cells, judged as they finish, before their tests report them: first every
   * read (nothing writes meanwhile, so app.db's counts are exact), then the writes, one resource
   * after another within a lane (a table's row count is only its own cells'), lanes side by side.
   */
  async function runMatrix() {
    const all = [...MATRIX.values()];
    await mapLimit(
      all.flatMap((m) => [...m.reads, ...m.nested]),
      12,
      (cell) =>
        settle(cell, async () =>
          cell.kind === 'read'
            ? judgeRead(cell, await runRead(cell))
            : judgeNested(cell, await runNested(cell)),
        ),
    );
    const lanes = new Map<string, WriteCell[]>();
    for (const cell of all.flatMap((m) => m.writes)) {
      const lane = SPECS[cell.resource].lane ?? cell.resource;
      lanes.set(lane, [...(lanes.get(lane) ?? []), cell]);
    }
    await mapLimit([...lanes.values()], 8, async (cells) => {
      for (const cell of cells) await settle(cell, () => runWrite(cell));
    });
  }

  const verdict = (cell: Cell) => {
    if (!verdicts.has(cell.name)) throw new Error(`${cell.name} did not run`);
    const error = verdicts.get(cell.name);
    if (error) throw error;
  };

  describe.each(RESOURCES)('%s', (resource) => {
    const { reads, nested, writes } = MATRIX.get(resource)!;
    describe('reads', () => eachCell(reads, verdict));
    if (nested.length > 0) describe('nested reads', () => eachCell(nested, verdict));
    if (writes.length > 0) describe('writes', () => eachCell(writes, verdict));
  });

  // ---------------------------------------------------------------------------------------------
  // Write-protected fields and cross-agency references (SECURITY.md B.12)

  interface ExtraCell extends Cell {
    run: () => Promise<void>;
  }

  const mutate = (user: UserKey, name: string, vars: Vars) => {
    const query = mutationDocument(argTypes, name, vars);
    return app
      .graphql(query, vars, { cookie: cookieOf(user) })
      .then((response) => ({ response, why: explain({ query, variables: vars }, response.body) }));
  };

  /** A create that must be refused leaves its table as it was. */
  async function refusedCreate(
    user: UserKey,
    resource: ResourceName,
    vars: Vars,
    accepted = CROSS_AGENCY,
  ) {
    const table = SPECS[resource].table;
    const before = await countRows(table);
    const { response, why } = await mutate(user, `create${resource}`, vars);
    expectRefusal(response, why, accepted);
    expect(await countRows(table), `rows in ${table} (${why})`).toBe(before);
  }

  /** An update that must be refused leaves the row as it was. */
  async function refusedUpdate(
    user: UserKey,
    resource: ResourceName,
    id: string,
    change: Vars,
    accepted = CROSS_AGENCY,
    field?: string,
  ) {
    const table = SPECS[resource].table;
    const before = await snapshot(table, id);
    const { response, why } = await mutate(user, `update${resource}`, { id, ...change });
    expectRefusal(response, why, accepted, field);
    expect(await snapshot(table, id), `${why}\nthe row is unchanged`).toEqual(before);
  }

  const extra = (
    user: UserKey,
    resource: ResourceName,
    what: string,
    expected: Cell['expected'],
    run: () => Promise<void>,
  ): ExtraCell => ({
    name: `${user} · ${resource} · ${what} → ${expected}`,
    resource,
    user,
    expected,
    run,
  });

  const writeProtected: ExtraCell[] = [
    extra('officerA', 'Household', "update(A's, organizationId = B)", 'FORBIDDEN', async () => {
      const id = await fresh('Household', 'A');
      await refusedUpdate(
        'officerA',
        'Household',
        id,
        { organizationId: world.org.B },
        ['FORBIDDEN:ownAgency'],
        'organizationId',
      );
    }),
    extra('officerA', 'Household', "create(no organizationId) → A's", 'ok', async () => {
      const { response, why } = await mutate('officerA', 'createHousehold', {
        headName: `Hộ ma trận không cơ quan ${serial('Household')}`,
        villageId: world.villageId,
      });
      expect(response.body.errors, why).toBeUndefined();
      const row = (await snapshot('households', response.body.data.result.id)) as {
        organization_id: string;
      };
      expect(row.organization_id, why).toBe(world.org.A);
    }),
    extra('officerA', 'Visit', "create(groupId = B's group)", 'refused', () =>
      refusedCreate('officerA', 'Visit', {
        groupId: world.group.B,
        householdId: world.household.B,
        visitDate: today(),
      }),
    ),
    extra('officerA', 'Visit', "create(A's group, B's household)", 'refused', () =>
      refusedCreate(
        'officerA',
        'Visit',
        { groupId: world.group.A, householdId: world.household.B, visitDate: today() },
        [...CROSS_AGENCY, 'BAD_USER_INPUT:helpedByGroup'],
      ),
    ),
    extra('memberA', 'Visit', 'create(own group)', 'ok', async () => {
      const before = await countRows('visits');
      const { response, why } = await mutate('memberA', 'createVisit', {
        groupId: world.group.A,
        householdId: world.household.A,
        visitDate: today(),
        participantIds: [world.staff.A],
      });
      expect(response.body.errors, why).toBeUndefined();
      expect(await countRows('visits'), why).toBe(before + 1);
      await removeQuietly('Visit', String(response.body.data.result.id));
    }),
    extra('memberA', 'Visit', "create(own group, participantIds = [B's staff])", 'refused', () =>
      refusedCreate(
        'memberA',
        'Visit',
        {
          groupId: world.group.A,
          householdId: world.household.A,
          visitDate: today(),
          participantIds: [world.staff.B],
        },
        [...CROSS_AGENCY, 'BAD_USER_INPUT:groupMembers'],
      ),
    ),
    extra('memberA', 'Household', 'create', 'FORBIDDEN', () =>
      refusedCreate(
        'memberA',
        'Household',
        { headName: 'Hộ của thành viên nhóm', villageId: world.villageId },
        ['FORBIDDEN:role'],
      ),
    ),
    extra('officerA', 'SupportGroup', "create(in A, householdIds = [B's])", 'refused', () =>
      refusedCreate('officerA', 'SupportGroup', {
        name: `Nhóm ma trận hộ B ${serial('SupportGroup')}`,
        organizationId: world.org.A,
        partnershipId: world.sharedPartnership,
        memberIds: [world.otherStaff.A],
        householdIds: [world.household.B],
      }),
    ),
    extra('officerA', 'SupportGroup', "update(A's, householdIds = [B's])", 'refused', async () => {
      const id = await fresh('SupportGroup', 'A');
      const households = async () =>
        app.db.query(
          `SELECT household_id FROM support_group_households WHERE support_group_id = $1`,
          [id],
        );
      const before = await households();
      await refusedUpdate('officerA', 'SupportGroup', id, { householdIds: [world.household.B] });
      expect(await households()).toEqual(before);
    }),
    extra(
      'officerA',
      'SupportGroup',
      "update(A's, memberIds = [B's staff])",
      'refused',
      async () => {
        const id = await fresh('SupportGroup', 'A');
        await refusedUpdate('officerA', 'SupportGroup', id, { memberIds: [world.staff.B] }, [
          ...CROSS_AGENCY,
          'BAD_USER_INPUT:sameOrganization',
        ]);
      },
    ),
    extra('officerA', 'Disbursement', "create(A's fund, householdIds = [B's])", 'refused', () =>
      refusedCreate('officerA', 'Disbursement', {
        fundId: world.fund.A,
        purpose: 'OTHER',
        description: 'Chi cho hộ của cơ quan khác',
        quantity: 1,
        unitAmount: 1000,
        amount: 1000,
        householdIds: [world.household.B],
      }),
    ),
    extra('officerA', 'StaffAssignment', "create(A's staff, organizationId = B)", 'FORBIDDEN', () =>
      refusedCreate(
        'officerA',
        'StaffAssignment',
        {
          staffMemberId: world.staff.A,
          organizationId: world.org.B,
          titleRank: 'CIVIL_SERVANT',
          validFrom: '1960-01-01',
          validTo: '1960-12-31',
        },
        ['FORBIDDEN:ownAgency'],
      ),
    ),
    extra('officerA', 'Aspiration', "create(A's household, visitId = B's visit)", 'refused', () =>
      refusedCreate(
        'officerA',
        'Aspiration',
        {
          householdId: world.household.A,
          visitId: world.records.get('Visit')!.B,
          content: 'Nguyện vọng gắn với chuyến thăm của cơ quan khác',
          recordedDate: today(),
          status: 'RECORDED',
        },
        [...CROSS_AGENCY, 'BAD_USER_INPUT:sameHousehold'],
      ),
    ),
    extra('officerA', 'Contribution', "create(A's fund, B's staff)", 'refused', () =>
      refusedCreate('officerA', 'Contribution', {
        fundId: world.fund.A,
        staffMemberId: world.staff.B,
        month: '1960-01-01',
        amount: 10_000,
        paidDate: today(),
      }),
    ),
  ];

  describe('write-protected fields and cross-agency references', () => {
    eachCell(writeProtected, (cell) => cell.run());
  });

  // ---------------------------------------------------------------------------------------------
  // Operations beyond the CRUD grammar, on B's records

  /** A request that must be refused, checking the given table's rows (or one row) stay as they were. */
  function refusedOperation(
    user: UserKey,
    query: string,
    variables: () => Vars,
    accepted: string[],
    unchanged: () => { table: string; id?: string },
  ) {
    return async () => {
      const { table, id } = unchanged();
      const state = () => (id ? snapshot(table, id) : countRows(table));
      const before = await state();
      const vars = variables();
      const response = await app.graphql(query, vars, { cookie: cookieOf(user) });
      const why = explain({ query, variables: vars }, response.body);
      expectRefusal(response, why, accepted);
      expect(await state(), `${why}\n${table} unchanged`).toEqual(before);
    };
  }

  const recordB = (resource: ResourceName) => world.records.get(resource)!.B;
  const year = () => Number(today().slice(0, 4));
  const thisMonth = () => `${today().slice(0, 7)}-01`;

  const FUND_QUERIES: Record<string, { query: string; vars: () => Vars }> = {
    fundBalance: {
      query: `query ($fundId: ID!) { r: fundBalance(fundId: $fundId) }`,
      vars: () => ({}),
    },
    fundOverview: {
      query: `query ($fundId: ID!, $year: Int!) { r: fundOverview(fundId: $fundId, year: $year) { __typename } }`,
      vars: () => ({ year: year() }),
    },
    fundDues: {
      query: `query ($fundId: ID!, $month: LocalDate!) {
        r: fundDues(fundId: $fundId, fromMonth: $month, toMonth: $month) { staffMemberId } }`,
      vars: () => ({ month: thisMonth() }),
    },
    fundArrearsByPerson: {
      query: `query ($fundId: ID!, $year: Int!) { r: fundArrearsByPerson(fundId: $fundId, year: $year) { staffMemberId } }`,
      vars: () => ({ year: year() }),
    },
  };

  const fundCells: ExtraCell[] = Object.entries(FUND_QUERIES).flatMap(([name, { query, vars }]) => [
    extra(
      'officerA',
      'Fund',
      `${name}(B's fund)`,
      'hidden',
      refusedOperation(
        'officerA',
        query,
        () => ({ fundId: world.fund.B, ...vars() }),
        ['NOT_FOUND'],
        () => ({ table: 'funds' }),
      ),
    ),
    extra(
      'memberA',
      'Fund',
      `${name}(A's fund)`,
      'FORBIDDEN',
      refusedOperation(
        'memberA',
        query,
        () => ({ fundId: world.fund.A, ...vars() }),
        ['FORBIDDEN'],
        () => ({ table: 'funds' }),
      ),
    ),
  ]);

  /** Per-person dues are entries about people: a viewer's fund card gets totals only. */
  const viewerFundCells: ExtraCell[] = ['fundDues', 'fundArrearsByPerson'].map((name) =>
    extra('viewer', 'Fund', `${name}(A's fund) · no people`, 'hidden', async () => {
      const { query, vars } = FUND_QUERIES[name]!;
      const variables = { fundId: world.fund.A, ...vars() };
      const response = await app.graphql(query, variables, { cookie: cookieOf('viewer') });
      const why = explain({ query, variables }, response.body);
      const rows = (response.body.data?.r ?? []) as unknown[];
      if (response.body.errors) expect(errorOf(response)?.code, why).toBe('FORBIDDEN');
      expect(rows, `${why}\nper-person lines for a viewer`).toEqual([]);
      // Not vacuous: an analyst (who reads every fund's entries) gets lines from the same request.
      const analyst = await app.graphql(query, variables, { cookie: cookieOf('analyst') });
      expect(
        (dataOf(analyst) as { r: unknown[] }).r.length,
        'lines the analyst sees',
      ).toBeGreaterThan(0);
    }),
  );

  const submitB = async () => {
    const id = recordB('HalfYearReport');
    const [row] = (await app.db.query(`SELECT status FROM half_year_reports WHERE id = $1`, [
      id,
    ])) as { status: string }[];
    if (row?.status !== 'SUBMITTED') {
      dataOf(
        await app.graphql(
          `mutation ($id: ID!) { submitHalfYearReport(id: $id) { id } }`,
          { id },
          {
            cookie: cookieOf('admin'),
          },
        ),
      );
    }
  };

  const operationCells: ExtraCell[] = [
    ...fundCells,
    ...viewerFundCells,
    extra(
      'officerA',
      'Contribution',
      "recordMonthDues(B's fund)",
      'refused',
      refusedOperation(
        'officerA',
        `mutation ($fundId: ID!, $month: LocalDate!, $paidDate: LocalDate!) {
          r: recordMonthDues(fundId: $fundId, month: $month, paidDate: $paidDate) { recorded } }`,
        () => ({ fundId: world.fund.B, month: thisMonth(), paidDate: today() }),
        ['BAD_USER_INPUT:exists', ...HIDDEN],
        () => ({ table: 'contributions' }),
      ),
    ),
    extra(
      'officerA',
      'Disbursement',
      "postDisbursement(B's)",
      'hidden',
      refusedOperation(
        'officerA',
        `mutation ($id: ID!, $date: LocalDate!) { r: postDisbursement(id: $id, disbursedDate: $date) { id } }`,
        () => ({ id: recordB('Disbursement'), date: today() }),
        ['NOT_FOUND'],
        () => ({ table: 'disbursements', id: recordB('Disbursement') }),
      ),
    ),
    ...(['Contribution', 'Donation', 'Disbursement'] as const).map((resource) =>
      extra(
        'officerA',
        resource,
        `reverse${resource}(B's)`,
        'hidden',
        refusedOperation(
          'officerA',
          `mutation ($id: ID!) { r: reverse${resource}(id: $id, reason: "Nhập nhầm khoản của cơ quan khác") { id } }`,
          () => ({ id: recordB(resource) }),
          ['NOT_FOUND'],
          () => ({ table: SPECS[resource].table }),
        ),
      ),
    ),
    ...(['officerA', 'memberA'] as const).flatMap((user) =>
      (['refreshHalfYearReport', 'submitHalfYearReport'] as const).map((name) =>
        extra(
          user,
          'HalfYearReport',
          `${name}(B's)`,
          'hidden',
          refusedOperation(
            user,
            `mutation ($id: ID!) { r: ${name}(id: $id) { id } }`,
            () => ({ id: recordB('HalfYearReport') }),
            ['NOT_FOUND'],
            () => ({ table: 'half_year_reports', id: recordB('HalfYearReport') }),
          ),
        ),
      ),
    ),
    extra(
      'officerA',
      'HalfYearReport',
      "reopenHalfYearReport(B's submitted)",
      'refused',
      async () => {
        await submitB();
        await refusedOperation(
          'officerA',
          `mutation ($id: ID!) { r: reopenHalfYearReport(id: $id, reason: "Mở lại báo cáo của cơ quan khác") { id } }`,
          () => ({ id: recordB('HalfYearReport') }),
          ['NOT_FOUND', 'FORBIDDEN'],
          () => ({ table: 'half_year_reports', id: recordB('HalfYearReport') }),
        )();
      },
    ),
    extra(
      'officerA',
      'HouseholdMember',
      "revealCitizenId(B's)",
      'FORBIDDEN',
      refusedOperation(
        'officerA',
        `mutation ($id: ID!) { r: revealCitizenId(householdMemberId: $id, reason: "Kiểm tra hồ sơ") { citizenId } }`,
        () => ({ id: recordB('HouseholdMember') }),
        ['FORBIDDEN'],
        () => ({ table: 'access_log' }),
      ),
    ),
    extra(
      'officerA',
      'AccessLogEntry',
      "breachReport(officerB's account)",
      'FORBIDDEN',
      refusedOperation(
        'officerA',
        `query ($userId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
          r: breachReport(userId: $userId, from: $from, to: $to) { __typename } }`,
        () => ({
          userId: world.fx.userIds.officerB,
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date().toISOString(),
        }),
        ['FORBIDDEN'],
        () => ({ table: 'access_log' }),
      ),
    ),
    extra(
      'officerA',
      'User',
      "revokeUserSessions(officerB's account)",
      'FORBIDDEN',
      refusedOperation(
        'officerA',
        `mutation ($id: ID!) { r: revokeUserSessions(id: $id) }`,
        () => ({ id: world.fx.userIds.officerB }),
        ['FORBIDDEN'],
        () => ({ table: 'sessions' }),
      ),
    ),
  ];

  describe('operations beyond the CRUD grammar', () => {
    eachCell(operationCells, (cell) => cell.run());
  });
}
