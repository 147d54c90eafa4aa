import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { CounterpartResponsibility, Memorandum } from './memorandum.entity';
import { counterpartResponsibilityService, memorandumService } from './memorandum.service';

@Resolver(() => Memorandum)
export class MemorandumResponsibilitiesResolver {
  @Authorized()
  @FieldResolver(() => [CounterpartResponsibility], {
    description: "The commune's responsibilities, in order.",
  })
  responsibilities(@Root() memorandum: Memorandum, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<CounterpartResponsibility>(CounterpartResponsibility, 'memorandumId', {
        position: 'ASC',
      })
      .load(memorandum.id);
  }
}

export const memorandumResolvers = [
  ...buildCrudResolvers({
    entity: Memorandum,
    name: 'Memorandum',
    plural: 'Memorandums',
    service: memorandumService,
  }),
  ...buildCrudResolvers({
    entity: CounterpartResponsibility,
    name: 'CounterpartResponsibility',
    plural: 'CounterpartResponsibilities',
    service: counterpartResponsibilityService,
  }),
  MemorandumResponsibilitiesResolver,
];
