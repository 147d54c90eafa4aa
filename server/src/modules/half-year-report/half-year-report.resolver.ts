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
import type { RequestContext } from '../../common/context';
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
    const row = await halfYearReportService.rollup(ctx, year, half, organizationId, partnershipId);
    return {
      year,
      half,
      ...row,
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
