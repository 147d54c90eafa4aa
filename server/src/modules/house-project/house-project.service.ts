import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { asAggregate, type RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f, TEXT_LONG, TEXT_SHORT } from '../../common/crud/field-spec';
import { isUuid } from '../../common/crud/normalize';
import { scopes } from '../../common/crud/scopes';
import { BadInputError, conflict, notFound, type FieldViolation } from '../../common/errors';
import { initials } from '../../common/masking';
import { todayInVietnam } from '../../common/time';
import { Commitment, CommitmentArea, ProgressEntry } from '../commitment/commitment.entity';
import { Disbursement, Donation } from '../fund/fund.entity';
import { Household } from '../household/household.entity';
import {
  HOUSE_PROJECT_STAGES,
  HouseCondition,
  HouseFundingSource,
  HouseProject,
  HouseProjectFunding,
  HouseProjectStage,
  STAGE_PREFIX,
} from './house-project.entity';
import {
  budgetTotal,
  budgetViolations,
  fundingLineViolations,
  missingAssessment,
  nextStage,
  stageDate,
} from './house-project.rules';

const notInFuture = (field: string, date: string | null | undefined): FieldViolation[] => {
  const today = todayInVietnam();
  return date && date > today
    ? [
        {
          field,
          rule: 'notInFuture',
          message: `must not be after today (${today})`,
          params: { max: today },
        },
      ]
    : [];
};

/** Fields fixed once the project is approved: what was approved is what gets built. */
const FIXED_AFTER_APPROVAL = [
  'householdId',
  'commitmentId',
  'estimatedCost',
  'assessmentDate',
  'assessedBy',
  'houseCondition',
  'wallMaterial',
  'roofMaterial',
  'floorMaterial',
  'floorArea',
  'occupants',
  'surveyedDate',
  'surveyedConfirmedBy',
  'surveyedConfirmerPosition',
] as const;

/** The agencies helping a household: the one responsible for it and those whose groups help it. */
async function helpingAgencies(em: EntityManager, householdId: string): Promise<string[]> {
  const rows: { id: string }[] = await em.query(
    `SELECT h.organization_id AS id FROM households h WHERE h.id = $1 AND h.organization_id IS NOT NULL
      UNION
     SELECT g.organization_id FROM support_group_households sgh
       JOIN support_groups g ON g.id = sgh.support_group_id WHERE sgh.household_id = $1`,
    [householdId],
  );
  return rows.map((row) => row.id);
}

class HouseProjectService extends CrudService<HouseProject> {
  /** `stage`: projects at that stage (set by the server, so not a writable field); `open`: not handed over. */
  protected override customFilter(
    qb: SelectQueryBuilder<HouseProject>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key === 'stage') {
      if (!HOUSE_PROJECT_STAGES.includes(value as HouseProjectStage))
        throw BadInputError.of('filter.stage', 'oneOf', 'is not a stage', {
          allowed: HOUSE_PROJECT_STAGES,
        });
      qb.andWhere(`r.stage = :${param}`, { [param]: value });
    } else if (key === 'open') {
      qb.andWhere(`r.stage ${value === false ? '=' : '<>'} 'HANDED_OVER'`);
    } else super.customFilter(qb, key, value, param);
  }

  /** A new project starts surveyed; the signed-in user is recorded as who entered the survey. */
  protected override insertChecked(
    ctx: RequestContext,
    em: EntityManager,
    input: Record<string, unknown>,
    extra: Partial<HouseProject> = {},
  ) {
    return super.insertChecked(ctx, em, input, {
      ...extra,
      stage: HouseProjectStage.SURVEYED,
      surveyedRecordedById: ctx.user?.id ?? null,
    });
  }

  /**
   * Confirms the project's next stage: forward only, one step at a time, dated on or after the
   * stage before and not in the future. Approval needs the assessment and a budget covering the
   * estimated cost; the handover needs its record, and adds the commitment's progress entry
   * (quantity 1, on the handover date) in the same transaction. The project row is locked first,
   * so a handover sent twice at once is done once: the second finds it handed over (CONFLICT).
   */
  async advance(
    ctx: RequestContext,
    input: {
      id: string;
      version?: number | null;
      stage: HouseProjectStage;
      date: string;
      confirmedBy: string;
      confirmerPosition?: string | null;
      handoverMinutesNumber?: string | null;
      handoverGiver?: string | null;
      handoverReceiver?: string | null;
      handoverNotes?: string | null;
    },
  ): Promise<HouseProject> {
    this.reach(ctx, 'write');
    const text = (field: string, value: string | null | undefined, max = TEXT_SHORT) => {
      const clean = value?.normalize('NFC').trim() || null;
      if (clean && clean.length > max)
        violations.push({
          field,
          rule: 'maxLength',
          message: `must be at most ${max} characters`,
          params: { max },
        });
      return clean;
    };
    const violations: FieldViolation[] = [];
    const confirmedBy = text('confirmedBy', input.confirmedBy);
    if (!confirmedBy)
      violations.push({ field: 'confirmedBy', rule: 'required', message: 'is required' });
    const position = text('confirmerPosition', input.confirmerPosition);
    const handover = {
      handoverMinutesNumber: text('handoverMinutesNumber', input.handoverMinutesNumber, 100),
      handoverGiver: text('handoverGiver', input.handoverGiver),
      handoverReceiver: text('handoverReceiver', input.handoverReceiver),
      handoverNotes: text('handoverNotes', input.handoverNotes, TEXT_LONG),
    };
    violations.push(...notInFuture('date', input.date));
    await this.write(ctx, async (em) => {
      const project = isUuid(input.id)
        ? await this.scoped(
            this.repo(em)
              .createQueryBuilder('r')
              .setLock('pessimistic_write')
              .where('r.id = :id', { id: input.id }),
            ctx,
            'write',
          ).getOne()
        : null;
      if (!project) throw notFound('HouseProject', input.id);
      if (input.version != null && input.version !== project.version)
        throw conflict(
          'HouseProject was changed by someone else meanwhile; reload it and try again',
          {
            rule: 'staleVersion',
            currentVersion: project.version,
          },
        );
      if (project.stage === input.stage)
        throw conflict(`The project is already at stage ${input.stage}`, {
          rule: 'alreadyAtStage',
          field: 'stage',
          stage: input.stage,
        });
      const expected = nextStage(project.stage);
      if (input.stage !== expected) {
        throw BadInputError.of(
          'stage',
          'nextStageOnly',
          expected
            ? `the next stage after ${project.stage} is ${expected}: stages go forward one at a time`
            : 'the house is handed over: the project has no further stage',
          { from: project.stage, to: input.stage, expected },
        );
      }
      const previous = stageDate(project, project.stage)!;
      if (input.date < previous)
        violations.push({
          field: 'date',
          rule: 'notBeforePreviousStage',
          message: `must not be before the ${project.stage} stage (${previous})`,
          params: { min: previous, stage: project.stage },
        });
      const lines = await em.findBy(HouseProjectFunding, { projectId: project.id });
      if (input.stage === HouseProjectStage.APPROVED) {
        violations.push(...missingAssessment(project));
        violations.push(...budgetViolations(project, budgetTotal(lines)));
      }
      if (input.stage === HouseProjectStage.HANDED_OVER) {
        for (const field of ['handoverMinutesNumber', 'handoverGiver', 'handoverReceiver'] as const)
          if (!handover[field])
            violations.push({
              field,
              rule: 'requiredForHandover',
              message: 'is required to hand the house over',
            });
      }
      if (violations.length > 0) throw new BadInputError(violations);

      const prefix = STAGE_PREFIX[input.stage];
      const set: Record<string, unknown> = {
        stage: input.stage,
        [`${prefix}Date`]: input.date,
        [`${prefix}ConfirmedBy`]: confirmedBy,
        [`${prefix}ConfirmerPosition`]: position,
        [`${prefix}RecordedById`]: ctx.user?.id ?? null,
      };
      if (input.stage === HouseProjectStage.HANDED_OVER) {
        Object.assign(set, handover);
        set.progressEntryId = await this.addProgress(em, project, input.date, lines, handover);
      }
      const result = await em
        .createQueryBuilder()
        .update(HouseProject)
        .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id: project.id, version: project.version })
        .execute();
      if (result.affected !== 1)
        throw conflict('HouseProject was changed by someone else meanwhile', {
          rule: 'staleVersion',
        });
    });
    return this.reload(ctx, input.id);
  }

  /**
   * The commitment's progress: one house, on the handover date. The household is named by its
   * head's initials and village: progress entries are read by every role that reads the program's
   * progress (analysts and other agencies too), who must not read a family's name there.
   */
  private async addProgress(
    em: EntityManager,
    project: HouseProject,
    date: string,
    lines: HouseProjectFunding[],
    handover: { handoverMinutesNumber: string | null },
  ): Promise<string> {
    const [household] = (await em.query(
      `SELECT h.head_name, v.name AS village FROM households h
         JOIN administrative_units v ON v.id = h.village_id WHERE h.id = $1`,
      [project.householdId],
    )) as { head_name: string; village: string }[];
    const who = household
      ? `hộ ${String(initials(household.head_name))} (${household.village})`
      : 'một hộ';
    const total = budgetTotal(lines);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(ProgressEntry)
      .values({
        commitmentId: project.commitmentId,
        entryDate: date,
        description: `Bàn giao nhà mới cho ${who}, xóa 1 nhà tạm`,
        quantity: 1,
        cost: total > 0 ? total : null,
        evidence: `Biên bản bàn giao số ${handover.handoverMinutesNumber}`,
        completes: false,
      })
      .returning('id')
      .execute();
    return String((inserted.raw as { id: string }[])[0]!.id);
  }
}

export const houseProjectService = new HouseProjectService({
  entity: HouseProject,
  name: 'HouseProject',
  scope: (r) => scopes.household(`${r}.household_id`),
  countsWithScopedPage: true,
  scopeField: 'householdId',
  fields: {
    title: f.text({ max: 500 }),
    householdId: f.ref(() => Household, 'Household', 'household'),
    commitmentId: f.ref(() => Commitment, 'Commitment', 'commitment', {
      description: 'A commitment of area TEMPORARY_HOUSE_REMOVAL.',
    }),
    estimatedCost: f.money({
      description: 'Dự toán, whole đồng; approval needs a budget covering it.',
    }),
    notes: f.longText({ optional: true }),
    assessmentDate: f.date({ optional: true }),
    assessedBy: f.text({ optional: true }),
    houseCondition: f.enumOf(HouseCondition, 'HouseCondition', { optional: true }),
    wallMaterial: f.text({ optional: true }),
    roofMaterial: f.text({ optional: true }),
    floorMaterial: f.text({ optional: true }),
    floorArea: f.int({ optional: true, min: 1, max: 10_000, description: 'Whole m².' }),
    occupants: f.int({ optional: true, min: 0, max: 100 }),
    assessmentNotes: f.longText({ optional: true }),
    surveyedDate: f.date({ description: 'The survey that opens the project.' }),
    surveyedConfirmedBy: f.text(),
    surveyedConfirmerPosition: f.text({ optional: true }),
  },
  searchColumns: ['title'],
  defaultSort: { field: 'surveyedDate', order: 'DESC' },
  guardChange(project, change) {
    if (change === 'delete' && project.stage !== HouseProjectStage.SURVEYED)
      throw conflict('Only a project not yet approved can be deleted', {
        rule: 'deleteAfterApproval',
      });
  },
  async rules(project, { em, existing }) {
    const violations: FieldViolation[] = [
      ...notInFuture('surveyedDate', project.surveyedDate),
      ...notInFuture('assessmentDate', project.assessmentDate),
    ];
    if (project.estimatedCost <= 0)
      violations.push({ field: 'estimatedCost', rule: 'positive', message: 'must be more than 0' });
    if (existing && existing.stage !== HouseProjectStage.SURVEYED) {
      for (const field of FIXED_AFTER_APPROVAL)
        if (project[field] !== existing[field])
          violations.push({
            field,
            rule: 'fixedAfterApproval',
            message: 'cannot change once the project is approved',
          });
    }
    if (!existing || existing.commitmentId !== project.commitmentId) {
      const commitment = await em.findOneBy(Commitment, { id: project.commitmentId });
      if (commitment && commitment.area !== CommitmentArea.TEMPORARY_HOUSE_REMOVAL)
        violations.push({
          field: 'commitmentId',
          rule: 'temporaryHouseArea',
          message: 'must be a commitment of area 5, removing temporary houses',
          params: { area: commitment.area },
        });
    }
    if (!existing || existing.householdId !== project.householdId) {
      // Writers of one household's projects wait for each other here, so neither slips past.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `HouseProject.household:${project.householdId}`,
      ]);
      const open: unknown[] = await em.query(
        `SELECT 1 FROM house_projects WHERE household_id = $1 AND stage <> 'HANDED_OVER'
            AND id <> coalesce($2::uuid, gen_random_uuid())`,
        [project.householdId, existing?.id ?? null],
      );
      if (open.length > 0)
        violations.push({
          field: 'householdId',
          rule: 'oneOpenProject',
          message: 'this household already has a house project not yet handed over',
        });
    }
    return violations;
  },
});

/** What a budget line says about money: fixed once its project is approved. */
const FIXED_LINE_FIELDS = [
  'projectId',
  'source',
  'amount',
  'disbursementId',
  'donationId',
  'programmeName',
  'workdays',
] as const;

const FUNDING_SCOPE = (r: string) =>
  `${r}.project_id = ANY(ARRAY(SELECT hp.id FROM house_projects hp WHERE ${scopes.household('hp.household_id')}))`;

class HouseProjectFundingService extends CrudService<HouseProjectFunding> {
  /** A line leaves the budget only while the project is not yet approved. */
  override async remove(ctx: RequestContext, id: string, expectedVersion?: number | null) {
    this.reach(ctx, 'write');
    if (isUuid(id) && (await this.inScope(ctx.db, ctx, id, 'write'))) {
      const [row] = (await ctx.db.query(
        `SELECT p.stage FROM house_project_fundings l JOIN house_projects p ON p.id = l.project_id
          WHERE l.id = $1 FOR NO KEY UPDATE OF p`,
        [id],
      )) as { stage: HouseProjectStage }[];
      if (row && row.stage !== HouseProjectStage.SURVEYED) throw budgetLocked('id');
    }
    return super.remove(ctx, id, expectedVersion);
  }
}

const budgetLocked = (field: string) =>
  BadInputError.of(
    field,
    'budgetFixedAfterApproval',
    'the budget of an approved project can be added to, not changed',
  );

/** The stage of a project, locked against a concurrent stage change (approval reads the budget). */
async function lockedStage(em: EntityManager, projectId: string) {
  const [row] = (await em.query(
    'SELECT stage FROM house_projects WHERE id = $1 FOR NO KEY UPDATE',
    [projectId],
  )) as { stage: HouseProjectStage }[];
  return row?.stage ?? null;
}

export const houseProjectFundingService = new HouseProjectFundingService({
  entity: HouseProjectFunding,
  name: 'HouseProjectFunding',
  scope: FUNDING_SCOPE,
  countsWithScopedPage: true,
  scopeField: 'projectId',
  fields: {
    projectId: f.ref(() => HouseProject, 'HouseProject', 'project'),
    source: f.enumOf(HouseFundingSource, 'HouseFundingSource'),
    amount: f.money({
      optional: true,
      description: 'Whole đồng; required except for workdays (their value, if agreed).',
    }),
    disbursementId: f.ref(() => Disbursement, 'Disbursement', 'disbursement', { optional: true }),
    donationId: f.ref(() => Donation, 'Donation', 'donation', { optional: true }),
    programmeName: f.text({ optional: true, max: 500 }),
    workdays: f.int({ optional: true, min: 1, max: 100_000 }),
    note: f.longText({ optional: true }),
  },
  searchColumns: ['programmeName', 'note'],
  defaultSort: { field: 'createdAt', order: 'DESC' },
  async rules(line, { em, existing }) {
    const violations = fundingLineViolations(line);
    const stage = await lockedStage(em, line.projectId);
    if (existing) {
      const before =
        existing.projectId === line.projectId ? stage : await lockedStage(em, existing.projectId);
      if (stage !== HouseProjectStage.SURVEYED || before !== HouseProjectStage.SURVEYED) {
        // Once approved, a line's money stays as approved; its note may still be completed.
        for (const field of FIXED_LINE_FIELDS)
          if (line[field] !== existing[field])
            violations.push({
              field,
              rule: 'budgetFixedAfterApproval',
              message: 'the budget of an approved project can be added to, not changed',
            });
      }
    } else if (stage === HouseProjectStage.HANDED_OVER) {
      violations.push({
        field: 'projectId',
        rule: 'projectHandedOver',
        message: 'the house is handed over: its budget is closed',
      });
    }
    const [project] = (await em.query('SELECT household_id FROM house_projects WHERE id = $1', [
      line.projectId,
    ])) as { household_id: string }[];
    if (!project) return violations;
    const linked = [
      { field: 'disbursementId', id: line.disbursementId, table: 'disbursements' },
      { field: 'donationId', id: line.donationId, table: 'donations' },
    ] as const;
    for (const link of linked) {
      if (!link.id) continue;
      const [entry] = (await em.query(
        `SELECT f.organization_id, e.amount::text AS amount FROM ${link.table} e
           JOIN funds f ON f.id = e.fund_id WHERE e.id = $1`,
        [link.id],
      )) as { organization_id: string; amount: string }[];
      if (!entry) continue;
      if (!(await helpingAgencies(em, project.household_id)).includes(entry.organization_id))
        violations.push({
          field: link.field,
          rule: 'fundOfHelpingAgency',
          message: 'must come from the fund of an agency helping this household',
        });
      const [used] = (await em.query(
        `SELECT project_id FROM house_project_fundings WHERE ${link.field === 'disbursementId' ? 'disbursement_id' : 'donation_id'} = $1
            AND id <> coalesce($2::uuid, gen_random_uuid())`,
        [link.id, existing?.id ?? null],
      )) as { project_id: string }[];
      if (used)
        violations.push({
          field: link.field,
          rule: used.project_id === line.projectId ? 'alreadyInBudget' : 'usedByAnotherProject',
          message:
            used.project_id === line.projectId
              ? 'is already a line of this budget'
              : 'already funds another house project',
        });
      if (line.amount != null && line.amount > Number(entry.amount))
        violations.push({
          field: 'amount',
          rule: 'notMoreThanLinked',
          message: `must not exceed the linked entry's amount (${entry.amount} đồng)`,
          params: { max: Number(entry.amount) },
        });
    }
    return violations;
  },
});

/** Projects by stage, for the dashboard card: the caller's own projects, or (viewers) the program's. */
export async function houseProjectOverview(ctx: RequestContext) {
  const params: unknown[] = [];
  const scope = houseProjectService.readScopeSql(ctx, 'p', params);
  const run = (db: EntityManager, where: string, args: unknown[]) =>
    db.query(
      `SELECT s.stage, count(p.id)::int AS count, coalesce(sum(p.estimated_cost), 0)::text AS estimated_cost
         FROM unnest(enum_range(NULL::house_project_stage)) s(stage)
         LEFT JOIN house_projects p ON p.stage = s.stage AND ${where}
        GROUP BY s.stage ORDER BY s.stage`,
      args,
    ) as Promise<{ stage: HouseProjectStage; count: number; estimated_cost: string }[]>;
  const rows =
    scope === null
      ? await asAggregate(ctx, (db) => run(db, 'true', []))
      : await run(ctx.db, scope, params);
  const stages = rows.map((row) => ({
    stage: row.stage,
    count: row.count,
    estimatedCost: row.estimated_cost,
  }));
  return {
    stages,
    total: stages.reduce((sum, s) => sum + s.count, 0),
    open: stages
      .filter((s) => s.stage !== HouseProjectStage.HANDED_OVER)
      .reduce((sum, s) => sum + s.count, 0),
    canOpenRecords: scope !== null,
  };
}
