import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers } from '../../common/crud/resource';
import { Aspiration } from '../aspiration/aspiration.entity';
import { Visit } from './visit.entity';
import { visitService } from './visit.service';

@Resolver(() => Visit)
export class VisitAspirationsResolver {
  @Authorized()
  @FieldResolver(() => [Aspiration], { description: 'Aspirations heard during the visit.' })
  aspirations(@Root() visit: Visit, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .childrenOf<Aspiration>(Aspiration, 'visitId', { recordedDate: 'ASC' })
      .load(visit.id);
  }
}

export const visitResolvers = [
  ...buildCrudResolvers({ entity: Visit, name: 'Visit', plural: 'Visits', service: visitService }),
  VisitAspirationsResolver,
];
