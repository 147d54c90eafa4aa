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
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { LocalDateScalar } from '../../common/scalars';
import { todayInVietnam } from '../../common/time';
import { Memorandum } from '../memorandum/memorandum.entity';
import { Commitment, CommitmentArea, ProgressEntry, ProgressStatus } from './commitment.entity';
import {
  commitmentService,
  memorandumProgress,
  memorandumProgressOverTime,
  progressEntryService,
  progressTotals,
} from './commitment.service';
import { commitmentStatus } from './progress';

@ObjectType({ description: 'Progress of one of the five commitment areas of a memorandum.' })
export class AreaProgress {
  @Field(() => CommitmentArea)
  area: CommitmentArea;

  @Field(() => [Commitment])
  commitments: Commitment[];

  @Field(() => Int)
  commitmentCount: number;

  @Field(() => Int)
  completedCount: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of the quantity targets, if any commitment has one.',
  })
  targetQuantity: number | null;

  @Field(() => Int)
  achievedQuantity: number;

  @Field(() => Int, { description: 'Average completion of the area commitments, 0–100.' })
  percent: number;

  @Field(() => ProgressStatus)
  status: ProgressStatus;
}

@ObjectType({ description: 'A memorandum with its progress in exactly the five commitment areas.' })
export class MemorandumProgress {
  @Field(() => Memorandum)
  memorandum: Memorandum;

  @Field(() => [AreaProgress])
  areas: AreaProgress[];

  @Field(() => Int, { description: 'Average completion of all commitments, 0–100.' })
  percent: number;
}

@ObjectType({ description: "An area's completion at the end of a month (today for this month)." })
export class AreaMonthProgress {
  @Field(() => String, { description: 'YYYY-MM.' })
  month: string;

  @Field(() => CommitmentArea)
  area: CommitmentArea;

  @Field(() => Int, { description: 'Average completion of the area commitments then, 0–100.' })
  percent: number;
}

@Resolver(() => Commitment)
export class CommitmentProgressResolver {
  @Authorized()
  @FieldResolver(() => Int, { description: 'Sum of the quantities of its progress entries.' })
  async achievedQuantity(@Root() commitment: Commitment, @Ctx() ctx: RequestContext) {
    return (await progressTotals(ctx).load(commitment.id)).achievedQuantity;
  }

  @Authorized()
  @FieldResolver(() => ProgressStatus)
  async status(@Root() commitment: Commitment, @Ctx() ctx: RequestContext) {
    return commitmentStatus(
      commitment,
      await progressTotals(ctx).load(commitment.id),
      todayInVietnam(),
    );
  }

  @Authorized()
  @FieldResolver(() => LocalDateScalar, { nullable: true })
  async lastProgressDate(@Root() commitment: Commitment, @Ctx() ctx: RequestContext) {
    return (await progressTotals(ctx).load(commitment.id)).lastEntryDate;
  }

  @Authorized()
  @FieldResolver(() => [ProgressEntry])
  progressEntries(@Root() commitment: Commitment, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<ProgressEntry>(ProgressEntry, 'commitmentId', { entryDate: 'DESC' })
      .load(commitment.id);
  }
}

@Resolver(() => Memorandum)
export class MemorandumCommitmentsResolver {
  @Authorized()
  @FieldResolver(() => [Commitment])
  commitments(@Root() memorandum: Memorandum, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<Commitment>(Commitment, 'memorandumId', { position: 'ASC', title: 'ASC' })
      .load(memorandum.id);
  }

  @Authorized()
  @FieldResolver(() => [AreaProgress], { description: 'Progress in the five commitment areas.' })
  async progress(@Root() memorandum: Memorandum, @Ctx() ctx: RequestContext) {
    return (await memorandumProgress(ctx, memorandum.id)).areas;
  }
}

@Resolver()
export class MemorandumProgressResolver {
  @Authorized()
  @Query(() => MemorandumProgress, {
    description: 'A memorandum and its progress by commitment area (five rows, in order).',
  })
  memorandumProgress(
    @Arg('memorandumId', () => ID) memorandumId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return memorandumProgress(ctx, memorandumId);
  }

  @Authorized()
  @Query(() => [AreaMonthProgress], {
    description:
      "Each area's completion month by month since the memorandum was signed (or its first entry).",
  })
  memorandumProgressOverTime(
    @Arg('memorandumId', () => ID) memorandumId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return memorandumProgressOverTime(ctx, memorandumId);
  }
}

export const commitmentResolvers = [
  ...buildCrudResolvers({
    entity: Commitment,
    name: 'Commitment',
    plural: 'Commitments',
    service: commitmentService,
  }),
  ...buildCrudResolvers({
    entity: ProgressEntry,
    name: 'ProgressEntry',
    plural: 'ProgressEntries',
    service: progressEntryService,
    extraFilters: {
      memorandumId: {
        type: () => ID,
        description: 'Entries of the commitments of this memorandum.',
      },
    },
  }),
  CommitmentProgressResolver,
  MemorandumCommitmentsResolver,
  MemorandumProgressResolver,
];
