import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { WRITERS } from '../../common/roles';
import { LocalDateScalar, MoneyScalar } from '../../common/scalars';
import {
  HouseFundingSource,
  HouseProject,
  HouseProjectFunding,
  HouseProjectStage,
} from './house-project.entity';
import { budgetTotal } from './house-project.rules';
import {
  houseProjectFundingService,
  houseProjectOverview,
  houseProjectService,
} from './house-project.service';

@ArgsType()
export class AdvanceHouseProjectArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you saw: CONFLICT staleVersion if it changed since.',
  })
  version?: number | null;

  @Field(() => HouseProjectStage, { description: 'The next stage (one step forward only).' })
  stage: HouseProjectStage;

  @Field(() => LocalDateScalar, { description: 'Not before the stage before, not in the future.' })
  date: string;

  @Field(() => String, { description: 'Who confirmed the stage (name).' })
  confirmedBy: string;

  @Field(() => String, { nullable: true, description: 'Their position (chức vụ).' })
  confirmerPosition?: string | null;

  @Field(() => String, { nullable: true, description: 'HANDED_OVER: số biên bản bàn giao.' })
  handoverMinutesNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'HANDED_OVER: who handed the house over.' })
  handoverGiver?: string | null;

  @Field(() => String, { nullable: true, description: 'HANDED_OVER: who received it.' })
  handoverReceiver?: string | null;

  @Field(() => String, { nullable: true })
  handoverNotes?: string | null;
}

@ObjectType({ description: "A house project's budget from one source." })
export class HouseBudgetBySource {
  @Field(() => HouseFundingSource)
  source: HouseFundingSource;

  @Field(() => MoneyScalar, { description: 'Sum of the amounts of its lines.' })
  amount: number;

  @Field(() => Int, { description: 'Workdays contributed (WORKDAYS lines).' })
  workdays: number;

  @Field(() => Int)
  lineCount: number;
}

@ObjectType({ description: 'Projects at one stage.' })
export class HouseStageFigure {
  @Field(() => HouseProjectStage)
  stage: HouseProjectStage;

  @Field(() => Int)
  count: number;

  @Field(() => MoneyScalar, { description: 'Sum of their estimated costs.' })
  estimatedCost: string;
}

@ObjectType({ description: 'The "Xóa nhà tạm" dashboard card: house projects by stage.' })
export class HouseProjectOverview {
  @Field(() => [HouseStageFigure], { description: 'The four stages in order.' })
  stages: HouseStageFigure[];

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Not yet handed over.' })
  open: number;

  @Field(() => Boolean, {
    description: 'Whether the figures are of records the caller may open (not a viewer).',
  })
  canOpenRecords: boolean;
}

const lines = (project: HouseProject, ctx: RequestContext) =>
  ctx.loaders
    .childrenOf<HouseProjectFunding>(HouseProjectFunding, 'projectId', { createdAt: 'ASC' })
    .load(project.id);

@Resolver(() => HouseProject)
export class HouseProjectBudgetResolver {
  @Authorized()
  @FieldResolver(() => [HouseProjectFunding], { description: 'The budget lines, by source.' })
  fundings(@Root() project: HouseProject, @Ctx() ctx: RequestContext) {
    return lines(project, ctx);
  }

  @Authorized()
  @FieldResolver(() => MoneyScalar, {
    description: 'Sum of the budget lines (workdays by their value, if given).',
  })
  async budgetTotal(@Root() project: HouseProject, @Ctx() ctx: RequestContext) {
    return budgetTotal(await lines(project, ctx));
  }

  @Authorized()
  @FieldResolver(() => [HouseBudgetBySource], { description: 'The budget by source, in order.' })
  async budgetBySource(@Root() project: HouseProject, @Ctx() ctx: RequestContext) {
    const all = await lines(project, ctx);
    return Object.values(HouseFundingSource).map((source) => {
      const of = all.filter((line) => line.source === source);
      return {
        source,
        amount: budgetTotal(of),
        workdays: of.reduce((sum, line) => sum + (line.workdays ?? 0), 0),
        lineCount: of.length,
      };
    });
  }
}

@Resolver()
export class HouseProjectStageResolver {
  @Authorized(WRITERS)
  @Mutation(() => HouseProject, {
    description:
      'Confirms the next stage of a house project (SURVEYED → APPROVED → BUILDING → HANDED_OVER). ' +
      "The handover adds the commitment's progress entry, once.",
  })
  advanceHouseProject(
    @Args(() => AdvanceHouseProjectArgs) args: AdvanceHouseProjectArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return houseProjectService.advance(ctx, args);
  }

  @Authorized()
  @Query(() => HouseProjectOverview, {
    description: "House projects by stage, in the caller's scope (a viewer: the program's).",
  })
  houseProjectOverview(@Ctx() ctx: RequestContext) {
    return houseProjectOverview(ctx);
  }
}

export const houseProjectResolvers = [
  ...buildCrudResolvers({
    entity: HouseProject,
    name: 'HouseProject',
    plural: 'HouseProjects',
    service: houseProjectService,
    extraFilters: {
      stage: { type: () => HouseProjectStage, description: 'Projects at this stage.' },
      open: { type: () => Boolean, description: 'Not yet handed over (or, false, handed over).' },
    },
  }),
  ...buildCrudResolvers({
    entity: HouseProjectFunding,
    name: 'HouseProjectFunding',
    plural: 'HouseProjectFundings',
    service: houseProjectFundingService,
  }),
  HouseProjectBudgetResolver,
  HouseProjectStageResolver,
];
