import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { AdministrativeUnit } from '../administrative-unit/administrative-unit.entity';
import { CriteriaSet, Criterion, CriterionAssessment, CriterionIndicator } from './criteria.entity';
import {
  communeCriteriaOverview,
  criteriaSetService,
  criterionAssessmentService,
  criterionIndicatorService,
  criterionService,
} from './criteria.service';

export enum CriterionYearStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  NOT_ASSESSED = 'NOT_ASSESSED',
  NOT_IN_FORCE = 'NOT_IN_FORCE',
}
registerEnumType(CriterionYearStatus, {
  name: 'CriterionYearStatus',
  description: 'Đạt · Chưa đạt · Chưa đánh giá · Bộ tiêu chí không áp dụng năm đó.',
});

@ObjectType({ description: 'One year of a criterion for a commune.' })
export class CriterionYearCell {
  @Field(() => Int)
  year: number;

  @Field(() => CriterionYearStatus)
  status: CriterionYearStatus;

  @Field(() => ID, { nullable: true, description: 'The assessment behind MET or NOT_MET.' })
  assessmentId: string | null;
}

@ObjectType({ description: 'A criterion as its set names it, year by year.' })
export class CriterionYearRow {
  @Field(() => Criterion)
  criterion: Criterion;

  @Field(() => CriteriaSet)
  criteriaSet: CriteriaSet;

  @Field(() => ID, {
    description: 'The criterion a commitment named, which this one is or took over.',
  })
  lineageId: string;

  @Field(() => [CriterionYearCell])
  cells: CriterionYearCell[];
}

@ObjectType({ description: "A commune's rural-development criteria over the years." })
export class CommuneCriteriaOverview {
  @Field(() => AdministrativeUnit)
  commune: AdministrativeUnit;

  @Field(() => [Int])
  years: number[];

  @Field(() => [CriterionYearRow])
  rows: CriterionYearRow[];
}

@Resolver()
export class CommuneCriteriaOverviewResolver {
  @Authorized()
  @Query(() => CommuneCriteriaOverview, {
    description:
      "The criteria the commune's area-4 commitments act on, and those that took them over in later sets, with each year's assessment.",
  })
  communeCriteriaOverview(
    @Arg('communeId', () => ID) communeId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return communeCriteriaOverview(ctx, communeId);
  }
}

@Resolver(() => Criterion)
export class CriterionIndicatorsResolver {
  @Authorized()
  @FieldResolver(() => [CriterionIndicator])
  indicators(@Root() criterion: Criterion, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<CriterionIndicator>(CriterionIndicator, 'criterionId', { code: 'ASC' })
      .load(criterion.id);
  }
}

export const criteriaResolvers = [
  ...buildCrudResolvers({
    entity: CriteriaSet,
    name: 'CriteriaSet',
    plural: 'CriteriaSets',
    service: criteriaSetService,
  }),
  ...buildCrudResolvers({
    entity: Criterion,
    name: 'Criterion',
    plural: 'Criteria',
    service: criterionService,
  }),
  ...buildCrudResolvers({
    entity: CriterionIndicator,
    name: 'CriterionIndicator',
    plural: 'CriterionIndicators',
    service: criterionIndicatorService,
  }),
  ...buildCrudResolvers({
    entity: CriterionAssessment,
    name: 'CriterionAssessment',
    plural: 'CriterionAssessments',
    service: criterionAssessmentService,
  }),
  CommuneCriteriaOverviewResolver,
  CriterionIndicatorsResolver,
];
