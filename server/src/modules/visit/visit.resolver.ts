import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers, childRecords } from '../../common/crud/resource';
import { Aspiration } from '../aspiration/aspiration.entity';
import { Visit } from './visit.entity';
import { visitService } from './visit.service';

@Resolver(() => Visit)
export class VisitAspirationsResolver {
  @Authorized()
  @FieldResolver(() => [Aspiration], { description: 'Aspirations heard during the visit.' })
  aspirations(@Root() visit: Visit, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return childRecords<Aspiration>(ctx, info, HEARD_DURING_VISIT, visit.id);
  }
}

const HEARD_DURING_VISIT = {
  entity: Aspiration,
  foreignKey: 'visitId',
  orderBy: { recordedDate: 'ASC' },
} as const;

export const visitResolvers = [
  ...buildCrudResolvers({ entity: Visit, name: 'Visit', plural: 'Visits', service: visitService }),
  VisitAspirationsResolver,
];
