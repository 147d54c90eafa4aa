import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { UNIT_FILTERS, UnitMode, unitModeOf } from '../../common/crud/unit-area';
import {
  buildCrudResolvers,
  childRecords,
  joinedRecords,
  joinRelation,
} from '../../common/crud/resource';
import type { GraphQLResolveInfo } from 'graphql';
import { Role } from '../../common/roles';
import { todayInVietnam } from '../../common/time';
import { Aspiration } from '../aspiration/aspiration.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { SupportPlan } from '../support-plan/support-plan.entity';
import { Visit } from '../visit/visit.entity';
import {
  Household,
  HouseholdCategory,
  HouseholdCategoryPeriod,
  HouseholdMember,
  PovertyResult,
  PovertyReview,
} from './household.entity';
import { householdOverview } from './household-overview';
import {
  householdCategoryPeriodService,
  householdMemberService,
  householdService,
  citizenIdDuplicates,
  povertyReviewService,
  revealIdentity,
} from './household.service';
import { povertyOutcome } from './poverty';
import { PovertyStandard } from './poverty-standard.entity';
import { povertyStandardService } from './poverty-standards';

/** Shows only the first and last digit: 012345678905 → 0**********5. */
export function maskId(value: string | null): string | null {
  if (!value) return null;
  return value.length <= 2
    ? '*'.repeat(value.length)
    : `${value[0]}${'*'.repeat(value.length - 2)}${value.at(-1)}`;
}

@ObjectType({
  description: 'The full identity numbers of one person, as revealed to an administrator.',
})
export class RevealedIdentity {
  @Field(() => ID)
  householdMemberId: string;

  @Field(() => String, { nullable: true })
  citizenId: string | null;

  @Field(() => String, { nullable: true })
  legacyIdNumber: string | null;
}

@ObjectType({
  description:
    'One citizen ID held by more than one member (Số định danh trùng): a data-quality item for administrators. Agencies cannot see each other’s members, so a duplicate across agencies is accepted when entered and listed here to resolve.',
})
export class CitizenIdDuplicate {
  @Field(() => String, { description: 'The ID, masked.' })
  citizenIdMasked: string;

  @Field(() => [HouseholdMember])
  members: HouseholdMember[];

  @Field(() => Date, { description: 'When the latest of these members was entered or changed.' })
  lastChangedAt: Date;
}

@Resolver()
export class RevealIdentityResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [CitizenIdDuplicate], {
    description: 'Citizen IDs entered for more than one person, most recent first.',
  })
  async citizenIdDuplicates(@Ctx() ctx: RequestContext): Promise<CitizenIdDuplicate[]> {
    const groups = await citizenIdDuplicates(ctx);
    return groups.map((group) => ({ ...group, citizenIdMasked: maskId(group.citizenId)! }));
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => RevealedIdentity, {
    description:
      'Shows a person’s full citizen ID to an administrator, with a reason; the access log keeps who, when and why.',
  })
  revealCitizenId(
    @Arg('householdMemberId', () => ID) householdMemberId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return revealIdentity(ctx, householdMemberId, reason);
  }
}

@ObjectType({ description: 'What the yearly reviews say about leaving poverty.' })
export class PovertyOutcome {
  @Field(() => Int, {
    nullable: true,
    description: 'Year of the review that found it no longer poor.',
  })
  escapedInYear: number | null;

  @Field(() => Boolean, { description: 'Escaped, and later reviews (at least one) kept it out.' })
  escapedSustainably: boolean;

  @Field(() => Int, { nullable: true })
  latestYear: number | null;

  @Field(() => PovertyResult, { nullable: true })
  latestResult: PovertyResult | null;
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberFieldsResolver {
  @Authorized()
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The citizen ID with all but the first and last digit hidden.',
  })
  citizenIdMasked(@Root() member: HouseholdMember) {
    return maskId(member.citizenId);
  }

  @Authorized()
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The old 9-digit ID number, masked.',
  })
  legacyIdNumberMasked(@Root() member: HouseholdMember) {
    return maskId(member.legacyIdNumber);
  }
}

@Resolver(() => Household)
export class HouseholdFieldsResolver {
  @Authorized()
  @FieldResolver(() => [HouseholdMember])
  members(
    @Root() household: Household,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return childRecords<HouseholdMember>(ctx, info, HOUSEHOLD_MEMBERS, household.id);
  }

  @Authorized()
  @FieldResolver(() => [HouseholdCategoryPeriod], {
    description: 'Category periods, newest first.',
  })
  categoryPeriods(@Root() household: Household, @Ctx() ctx: RequestContext) {
    return categoryPeriodsOf(ctx).load(household.id);
  }

  @Authorized()
  @FieldResolver(() => [HouseholdCategory], { description: 'Categories in force today.' })
  async currentCategories(@Root() household: Household, @Ctx() ctx: RequestContext) {
    const today = todayInVietnam();
    const periods = await categoryPeriodsOf(ctx).load(household.id);
    return [
      ...new Set(
        periods
          .filter((p) => p.validFrom <= today && (p.validTo === null || p.validTo >= today))
          .map((p) => p.category),
      ),
    ].sort();
  }

  @Authorized()
  @FieldResolver(() => [PovertyReview], { description: 'Yearly reviews, oldest first.' })
  povertyReviews(@Root() household: Household, @Ctx() ctx: RequestContext) {
    return reviewsOf(ctx).load(household.id);
  }

  @Authorized()
  @FieldResolver(() => PovertyOutcome)
  async povertyOutcome(@Root() household: Household, @Ctx() ctx: RequestContext) {
    return povertyOutcome(await reviewsOf(ctx).load(household.id));
  }

  @Authorized()
  @FieldResolver(() => [SupportGroup], { description: 'The groups helping this household.' })
  groups(
    @Root() household: Household,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return joinedRecords<SupportGroup>(ctx, info, GROUPS_OF_HOUSEHOLD, household);
  }

  @Authorized()
  @FieldResolver(() => [SupportPlan])
  supportPlans(
    @Root() household: Household,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return childRecords<SupportPlan>(ctx, info, SUPPORT_PLANS, household.id);
  }

  @Authorized()
  @FieldResolver(() => [Visit], { description: 'Visits, newest first.' })
  visits(
    @Root() household: Household,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return childRecords<Visit>(ctx, info, HOUSEHOLD_VISITS, household.id);
  }

  @Authorized()
  @FieldResolver(() => [Aspiration], { description: 'Aspirations, newest first.' })
  aspirations(
    @Root() household: Household,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return childRecords<Aspiration>(ctx, info, HOUSEHOLD_ASPIRATIONS, household.id);
  }
}

/** A household's child lists: their table, key and order (see childRecords). */
const HOUSEHOLD_MEMBERS = {
  entity: HouseholdMember,
  foreignKey: 'householdId',
  orderBy: { birthYear: 'ASC' },
} as const;
const SUPPORT_PLANS = {
  entity: SupportPlan,
  foreignKey: 'householdId',
  orderBy: { createdAt: 'ASC' },
} as const;
const HOUSEHOLD_VISITS = {
  entity: Visit,
  foreignKey: 'householdId',
  orderBy: { visitDate: 'DESC' },
} as const;
const HOUSEHOLD_ASPIRATIONS = {
  entity: Aspiration,
  foreignKey: 'householdId',
  orderBy: { recordedDate: 'DESC' },
} as const;
const GROUPS_OF_HOUSEHOLD = joinRelation('Household', 'groups', {
  table: 'support_group_households',
  ownerColumn: 'household_id',
  targetColumn: 'support_group_id',
  target: () => SupportGroup,
});

const categoryPeriodsOf = (ctx: RequestContext) =>
  ctx.loaders.childrenOf<HouseholdCategoryPeriod>(HouseholdCategoryPeriod, 'householdId', {
    validFrom: 'DESC',
  });
const reviewsOf = (ctx: RequestContext) =>
  ctx.loaders.childrenOf<PovertyReview>(PovertyReview, 'householdId', { year: 'ASC' });

@ObjectType()
export class CategoryCount {
  @Field(() => HouseholdCategory)
  category: HouseholdCategory;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Households in a category at the end of a year (today for this year).' })
export class CategoryYearCount {
  @Field(() => Int)
  year: number;

  @Field(() => HouseholdCategory)
  category: HouseholdCategory;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class AgeBucket {
  @Field(() => String, {
    description: 'Age of open aspirations: 0-30, 31-90, 91-180 or 180+ days.',
  })
  bucket: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Figures for the households dashboard.' })
export class HouseholdOverview {
  @Field(() => Int)
  householdCount: number;

  @Field(() => [CategoryCount], {
    description: 'Households by category in force today (one household may count twice).',
  })
  byCategory: CategoryCount[];

  @Field(() => [CategoryYearCount], {
    description:
      'Households by category at the end of each year since 2014 (today for this year); years with none are left out.',
  })
  byCategoryOverYears: CategoryYearCount[];

  @Field(() => Int, { description: 'Households whose reviews show they escaped poverty.' })
  escapedCount: number;

  @Field(() => Int, { description: 'Of those, households that stayed out in later reviews.' })
  escapedSustainablyCount: number;

  @Field(() => Int, { description: 'Groups with no visit in the last six months.' })
  groupsWithoutRecentVisitCount: number;

  @Field(() => [SupportGroup], {
    description:
      'The first 100 of those groups by name, for roles that may read groups (a viewer gets the count, not the records).',
  })
  groupsWithoutRecentVisit: SupportGroup[];

  @Field(() => Int)
  openAspirationCount: number;

  @Field(() => [AgeBucket])
  openAspirationsByAge: AgeBucket[];
}

@Resolver()
export class HouseholdOverviewResolver {
  @Authorized()
  @Query(() => HouseholdOverview, {
    description: 'Households, poverty escapes, visits and open aspirations.',
  })
  householdOverview(
    @Ctx() ctx: RequestContext,
    @Arg('unitId', () => ID, {
      nullable: true,
      description: 'Only this administrative unit (and its sub-units).',
    })
    unitId: string | null,
    @Arg('unitMode', () => UnitMode, {
      nullable: true,
      description:
        'The unit as it was (AS_THEN, default) or as today’s unit gathering its history (TODAY).',
    })
    unitMode: UnitMode | null,
  ) {
    return householdOverview(ctx, unitId ? { unitId, mode: unitModeOf(unitMode) } : null);
  }
}

export const householdResolvers = [
  ...buildCrudResolvers({
    entity: Household,
    name: 'Household',
    plural: 'Households',
    service: householdService,
    extraFilters: {
      category: {
        type: () => HouseholdCategory,
        description: 'Households in this category today.',
      },
      groupId: { type: () => ID, description: 'Households helped by this support group.' },
      communeId: {
        type: () => ID,
        description:
          'Households in a village of this commune (with unitMode TODAY, of every commune that became it).',
      },
      ...UNIT_FILTERS,
      povertyOutcome: {
        type: () => String,
        description:
          'ESCAPED: households whose reviews show they left poverty; ESCAPED_SUSTAINABLY: and stayed out.',
      },
    },
  }),
  ...buildCrudResolvers({
    entity: HouseholdMember,
    name: 'HouseholdMember',
    plural: 'HouseholdMembers',
    service: householdMemberService,
  }),
  ...buildCrudResolvers({
    entity: HouseholdCategoryPeriod,
    name: 'HouseholdCategoryPeriod',
    plural: 'HouseholdCategoryPeriods',
    service: householdCategoryPeriodService,
  }),
  ...buildCrudResolvers({
    entity: PovertyStandard,
    name: 'PovertyStandard',
    plural: 'PovertyStandards',
    service: povertyStandardService,
  }),
  ...buildCrudResolvers({
    entity: PovertyReview,
    name: 'PovertyReview',
    plural: 'PovertyReviews',
    service: povertyReviewService,
  }),
  HouseholdMemberFieldsResolver,
  HouseholdFieldsResolver,
  HouseholdOverviewResolver,
  RevealIdentityResolver,
];
