import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { asAggregate, type RequestContext } from '../../common/context';
import { isUuid } from '../../common/crud/normalize';
import { buildCrudResolvers } from '../../common/crud/resource';
import { BadInputError } from '../../common/errors';
import { WRITERS } from '../../common/roles';
import { HalfYearReport, ReportStatus } from './half-year-report.entity';
import { halfYearReportService } from './half-year-report.service';

@ObjectType({
  description: "An agency's or a partnership's half-year, rolled up from its groups' reports.",
})
export class HalfYearRollup {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  half: number;

  @Field(() => Int, { description: 'Groups in scope.' })
  groupCount: number;

  @Field(() => Int)
  reportCount: number;

  @Field(() => Int)
  submittedCount: number;

  @Field(() => Int)
  visitCount: number;

  @Field(() => Int)
  householdsVisited: number;

  @Field(() => Int)
  planStepsDone: number;

  @Field(() => Int)
  aspirationsRelayed: number;

  @Field(() => Int)
  aspirationsResolved: number;

  @Field(() => Int)
  supportDeliveries: number;
}

@Resolver()
export class HalfYearReportActionsResolver {
  @Authorized(WRITERS)
  @Mutation(() => HalfYearReport, {
    description: "Recounts a draft's figures from the period's records.",
  })
  refreshHalfYearReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return halfYearReportService.refresh(ctx, id);
  }

  @Authorized(WRITERS)
  @Mutation(() => HalfYearReport, {
    description: 'Submits a draft to the agency leadership; it is then locked.',
  })
  submitHalfYearReport(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return halfYearReportService.submit(ctx, id, version);
  }

  @Authorized(WRITERS)
  @Mutation(() => HalfYearReport, {
    description: 'Reopens a submitted report, recording who and why.',
  })
  reopenHalfYearReport(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return halfYearReportService.reopen(ctx, id, reason);
  }

  @Authorized()
  @Query(() => HalfYearRollup, {
    description:
      "Sums the half-year reports of an organization's groups, or of a partnership's groups.",
  })
  async halfYearRollup(
    @Arg('year', () => Int) year: number,
    @Arg('half', () => Int) half: number,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('partnershipId', () => ID, { nullable: true }) partnershipId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<HalfYearRollup> {
    if (half !== 1 && half !== 2) throw BadInputError.of('half', 'oneOf', 'must be 1 or 2');
    for (const [field, id] of Object.entries({ organizationId, partnershipId })) {
      if (id != null && !isUuid(id))
        throw BadInputError.of(field, 'exists', 'does not point at an existing record');
    }
    // Sums only: every role may see how the program is doing, not whose records make it up.
    const [row] = (await asAggregate(ctx, () =>
      ctx.db.query(
        `SELECT count(DISTINCT g.id)::int AS group_count, count(r.id)::int AS report_count,
              count(r.id) FILTER (WHERE r.status = 'SUBMITTED')::int AS submitted_count,
              coalesce(sum(r.visit_count), 0)::int AS visit_count,
              coalesce(sum(r.households_visited), 0)::int AS households_visited,
              coalesce(sum(r.plan_steps_done), 0)::int AS plan_steps_done,
              coalesce(sum(r.aspirations_relayed), 0)::int AS aspirations_relayed,
              coalesce(sum(r.aspirations_resolved), 0)::int AS aspirations_resolved,
              coalesce(sum(r.support_deliveries), 0)::int AS support_deliveries
         FROM support_groups g
         LEFT JOIN half_year_reports r ON r.group_id = g.id AND r.year = $1 AND r.half = $2
        WHERE ($3::uuid IS NULL OR g.organization_id = $3) AND ($4::uuid IS NULL OR g.partnership_id = $4)`,
        [year, half, organizationId, partnershipId],
      ),
    )) as Record<string, number>[];
    return {
      year,
      half,
      groupCount: row!.group_count!,
      reportCount: row!.report_count!,
      submittedCount: row!.submitted_count!,
      visitCount: row!.visit_count!,
      householdsVisited: row!.households_visited!,
      planStepsDone: row!.plan_steps_done!,
      aspirationsRelayed: row!.aspirations_relayed!,
      aspirationsResolved: row!.aspirations_resolved!,
      supportDeliveries: row!.support_deliveries!,
    };
  }
}

export const halfYearReportResolvers = [
  ...buildCrudResolvers({
    entity: HalfYearReport,
    name: 'HalfYearReport',
    plural: 'HalfYearReports',
    service: halfYearReportService,
    extraFilters: {
      status: { type: () => ReportStatus, description: 'Drafts or submitted reports.' },
      halfOfYear: { type: () => Int, description: '1: first half, 2: second half.' },
    },
  }),
  HalfYearReportActionsResolver,
];
