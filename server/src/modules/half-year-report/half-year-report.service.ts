import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { asAggregate, type RequestContext } from '../../common/context';
import { CrudService, serviceFor } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { isUuid } from '../../common/crud/normalize';
import { scopes } from '../../common/crud/scopes';
import { BadInputError, conflict, forbidden, notFound } from '../../common/errors';
import { Role } from '../../common/roles';
import { SupportGroup } from '../support-group/support-group.entity';
import { HalfYearReport, ReportStatus } from './half-year-report.entity';

export interface RollupFigures {
  groupCount: number;
  reportCount: number;
  submittedCount: number;
  visitCount: number;
  householdsVisited: number;
  planStepsDone: number;
  aspirationsRelayed: number;
  aspirationsResolved: number;
  supportDeliveries: number;
}

export function periodOf(year: number, half: number): { from: string; to: string } {
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** The period's figures, counted from the records: this is what "filled from the data" means. */
export async function figuresFor(em: EntityManager, groupId: string, year: number, half: number) {
  const { from, to } = periodOf(year, half);
  const [row] = (await em.query(
    `SELECT
       (SELECT count(*) FROM visits v WHERE v.group_id = $1 AND v.visit_date BETWEEN $2 AND $3)::int AS visit_count,
       (SELECT count(DISTINCT v.household_id) FROM visits v WHERE v.group_id = $1 AND v.visit_date BETWEEN $2 AND $3)::int AS households_visited,
       (SELECT count(*) FROM support_plan_steps s JOIN support_plans p ON p.id = s.support_plan_id
         WHERE p.group_id = $1 AND s.done_date BETWEEN $2 AND $3)::int AS plan_steps_done,
       (SELECT count(*) FROM aspirations a JOIN support_group_households h ON h.household_id = a.household_id
         WHERE h.support_group_id = $1 AND a.forwarded_date BETWEEN $2 AND $3)::int AS aspirations_relayed,
       (SELECT count(*) FROM aspirations a JOIN support_group_households h ON h.household_id = a.household_id
         WHERE h.support_group_id = $1 AND a.status = 'RESOLVED' AND a.response_date BETWEEN $2 AND $3)::int AS aspirations_resolved,
       (SELECT count(*) FROM disbursements d
         WHERE d.status = 'POSTED' AND d.reverses_id IS NULL AND d.disbursed_date BETWEEN $2 AND $3
           AND NOT EXISTS (SELECT 1 FROM disbursements r WHERE r.reverses_id = d.id)
           AND (EXISTS (SELECT 1 FROM disbursement_households dh JOIN support_group_households h USING (household_id)
                         WHERE dh.disbursement_id = d.id AND h.support_group_id = $1)
             OR EXISTS (SELECT 1 FROM disbursement_members dm JOIN household_members m ON m.id = dm.household_member_id
                          JOIN support_group_households h ON h.household_id = m.household_id
                         WHERE dm.disbursement_id = d.id AND h.support_group_id = $1)))::int AS support_deliveries`,
    [groupId, from, to],
  )) as Record<string, number>[];
  return {
    visitCount: row!.visit_count!,
    householdsVisited: row!.households_visited!,
    planStepsDone: row!.plan_steps_done!,
    aspirationsRelayed: row!.aspirations_relayed!,
    aspirationsResolved: row!.aspirations_resolved!,
    supportDeliveries: row!.support_deliveries!,
  };
}

class HalfYearReportService extends CrudService<HalfYearReport> {
  /** `status` (drafts or submitted) and `halfOfYear` (1 or 2) as exact filters. */
  protected override customFilter(
    qb: SelectQueryBuilder<HalfYearReport>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key === 'status' || key === 'halfOfYear') {
      qb.andWhere(`r.${key === 'status' ? 'status' : 'half'} = :${param}`, { [param]: value });
    } else super.customFilter(qb, key, value, param);
  }

  override async create(ctx: RequestContext, input: Record<string, unknown>) {
    const report = await super.create(ctx, input);
    return this.refresh(ctx, report.id);
  }

  override async update(ctx: RequestContext, input: Record<string, unknown>) {
    await super.update(ctx, input);
    return this.refresh(ctx, String(input.id));
  }

  /** Recounts a draft's figures from the records of its period. */
  async refresh(ctx: RequestContext, id: string) {
    await this.write(ctx, async (em) => {
      const report = await this.locked(em, ctx, id);
      if (report.status !== ReportStatus.DRAFT) return;
      await em.update(HalfYearReport, { id }, await this.figures(ctx, report));
    });
    return this.get(ctx, id, true);
  }

  async submit(ctx: RequestContext, id: string, version: number | null) {
    await this.write(ctx, async (em) => {
      const report = await this.locked(em, ctx, id);
      if (version != null && version !== report.version)
        throw conflict('The report changed meanwhile', { rule: 'staleVersion' });
      if (report.status !== ReportStatus.DRAFT)
        throw conflict('The report is already submitted', { rule: 'locked' });
      if (!report.narrative)
        throw BadInputError.of('narrative', 'required', 'is required before submitting');
      await em.update(
        HalfYearReport,
        { id },
        {
          ...(await this.figures(ctx, report)),
          status: ReportStatus.SUBMITTED,
          submittedAt: new Date(),
          submittedById: ctx.user!.id,
          version: report.version + 1,
        },
      );
    });
    return this.get(ctx, id, true);
  }

  async reopen(ctx: RequestContext, id: string, reason: string) {
    // A submitted report is the agency's answer: its officers or an administrator reopen it.
    if (ctx.user?.role !== Role.ADMIN && ctx.user?.role !== Role.AGENCY_OFFICER)
      throw forbidden('Only an officer of the agency or an administrator may reopen a report', {
        rule: 'role',
      });
    const why = reason.trim();
    if (why.length === 0)
      throw BadInputError.of('reason', 'required', 'say why the report is reopened');
    if (why.length < 5) {
      throw BadInputError.of('reason', 'minLength', 'must be at least 5 characters', { min: 5 });
    }
    if (why.length > 2000)
      throw BadInputError.of('reason', 'maxLength', 'must be at most 2000 characters', {
        max: 2000,
      });
    await this.write(ctx, async (em) => {
      const report = await this.locked(em, ctx, id);
      if (report.status !== ReportStatus.SUBMITTED)
        throw conflict('Only a submitted report can be reopened', { rule: 'notSubmitted' });
      await em.update(
        HalfYearReport,
        { id },
        {
          status: ReportStatus.DRAFT,
          reopenedAt: new Date(),
          reopenedById: ctx.user!.id,
          reopenReason: why,
          version: report.version + 1,
        },
      );
    });
    return this.get(ctx, id, true);
  }

  /**
   * Sums the half-year reports of the groups the caller may read (of one organization or
   * partnership if given): an officer's roll-up is their agency's. A role that reads no groups (a
   * viewer) gets the program's sums, which name no one.
   */
  async rollup(
    ctx: RequestContext,
    year: number,
    half: number,
    organizationId: string | null,
    partnershipId: string | null,
  ) {
    const params: unknown[] = [year, half, organizationId, partnershipId];
    const groups = serviceFor('SupportGroup')!.readScopeSql(ctx, 'g', params);
    const sum = (db: EntityManager) =>
      db.query(
        `SELECT count(DISTINCT g.id)::int AS "groupCount", count(r.id)::int AS "reportCount",
              count(r.id) FILTER (WHERE r.status = 'SUBMITTED')::int AS "submittedCount",
              coalesce(sum(r.visit_count), 0)::int AS "visitCount",
              coalesce(sum(r.households_visited), 0)::int AS "householdsVisited",
              coalesce(sum(r.plan_steps_done), 0)::int AS "planStepsDone",
              coalesce(sum(r.aspirations_relayed), 0)::int AS "aspirationsRelayed",
              coalesce(sum(r.aspirations_resolved), 0)::int AS "aspirationsResolved",
              coalesce(sum(r.support_deliveries), 0)::int AS "supportDeliveries"
         FROM support_groups g
         LEFT JOIN half_year_reports r ON r.group_id = g.id AND r.year = $1 AND r.half = $2
        WHERE ($3::uuid IS NULL OR g.organization_id = $3) AND ($4::uuid IS NULL OR g.partnership_id = $4)
          AND ${groups ?? 'true'}`,
        params,
      ) as Promise<RollupFigures[]>;
    const [row] = groups === null ? await asAggregate(ctx, sum) : await sum(ctx.db);
    return row!;
  }

  override async get(ctx: RequestContext, id: string, fresh = false) {
    if (!fresh) return super.get(ctx, id);
    if (!isUuid(id)) throw notFound('HalfYearReport', id);
    const report = await ctx.db.getRepository(HalfYearReport).findOneBy({ id });
    if (!report) throw notFound('HalfYearReport', id);
    return report;
  }

  /**
   * The period's counts, read beyond the user's own rows: a group member counts the support the
   * agency's fund gave their households without seeing the fund itself.
   */
  private figures(ctx: RequestContext, report: HalfYearReport) {
    return asAggregate(ctx, (db) => figuresFor(db, report.groupId, report.year, report.half));
  }

  private async locked(em: EntityManager, ctx: RequestContext, id: string) {
    if (!isUuid(id)) throw notFound('HalfYearReport', id);
    const report = await this.scoped(
      em
        .getRepository(HalfYearReport)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id }),
      ctx,
      'write',
    ).getOne();
    if (!report) throw notFound('HalfYearReport', id);
    return report;
  }
}

export const halfYearReportService = new HalfYearReportService({
  entity: HalfYearReport,
  name: 'HalfYearReport',
  // A submitted report is locked; checked on the locked row, so a submit cannot race an edit.
  guardChange(report) {
    if (report.status === ReportStatus.SUBMITTED)
      throw conflict('A submitted report is locked; reopen it first', { rule: 'locked' });
  },
  scope: (r) => scopes.group(`${r}.group_id`),
  countsWithScopedPage: true,
  scopeField: 'groupId',
  fields: {
    groupId: f.ref(() => SupportGroup, 'SupportGroup', 'group'),
    year: f.int({ min: 2000, max: 2100 }),
    half: f.int({ min: 1, max: 2 }),
    narrative: f.longText({ optional: true }),
  },
  searchColumns: ['narrative'],
  defaultSort: { field: 'year', order: 'DESC' },
  async rules(report, { em, existing }) {
    const same: unknown[] = await em.query(
      'SELECT 1 FROM half_year_reports WHERE group_id = $1 AND year = $2 AND half = $3 AND id <> coalesce($4::uuid, gen_random_uuid())',
      [report.groupId, report.year, report.half, existing?.id ?? null],
    );
    return same.length > 0
      ? [
          {
            field: 'half',
            rule: 'oncePerPeriod',
            message: 'the group already has a report for this half-year',
          },
        ]
      : [];
  },
});
