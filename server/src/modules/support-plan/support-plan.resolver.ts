import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { SupportPlan, SupportPlanStep } from './support-plan.entity';
import { supportPlanService, supportPlanStepService } from './support-plan.service';

@Resolver(() => SupportPlan)
export class SupportPlanStepsResolver {
  @Authorized()
  @FieldResolver(() => [SupportPlanStep])
  steps(@Root() plan: SupportPlan, @Ctx() ctx: RequestContext) {
    return stepsOf(ctx).load(plan.id);
  }

  @Authorized()
  @FieldResolver(() => Int, { description: 'Steps with a done date.' })
  async stepsDone(@Root() plan: SupportPlan, @Ctx() ctx: RequestContext) {
    return (await stepsOf(ctx).load(plan.id)).filter((s) => s.doneDate !== null).length;
  }
}

const stepsOf = (ctx: RequestContext) =>
  ctx.loaders.childrenOf<SupportPlanStep>(SupportPlanStep, 'supportPlanId', { position: 'ASC' });

export const supportPlanResolvers = [
  ...buildCrudResolvers({
    entity: SupportPlan,
    name: 'SupportPlan',
    plural: 'SupportPlans',
    service: supportPlanService,
  }),
  ...buildCrudResolvers({
    entity: SupportPlanStep,
    name: 'SupportPlanStep',
    plural: 'SupportPlanSteps',
    service: supportPlanStepService,
  }),
  SupportPlanStepsResolver,
];
