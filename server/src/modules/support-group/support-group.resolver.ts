import { UNIT_FILTERS } from '../../common/crud/unit-area';
import type { GraphQLResolveInfo } from 'graphql';
import { Authorized, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { buildCrudResolvers, childRecords } from '../../common/crud/resource';
import { LocalDateScalar } from '../../common/scalars';
import { HalfYearReport } from '../half-year-report/half-year-report.entity';
import { Visit } from '../visit/visit.entity';
import { SupportGroup } from './support-group.entity';
import { supportGroupService } from './support-group.service';

@Resolver(() => SupportGroup)
export class SupportGroupFieldsResolver {
  @Authorized()
  @FieldResolver(() => [Visit], { description: 'Visits, newest first.' })
  visits(@Root() group: SupportGroup, @Ctx() ctx: RequestContext) {
    return visitsOf(ctx).load(group.id);
  }

  @Authorized()
  @FieldResolver(() => LocalDateScalar, { nullable: true })
  async lastVisitDate(@Root() group: SupportGroup, @Ctx() ctx: RequestContext) {
    return (await visitsOf(ctx).load(group.id))[0]?.visitDate ?? null;
  }

  @Authorized()
  @FieldResolver(() => [HalfYearReport], { description: 'Half-year reports, newest first.' })
  reports(
    @Root() group: SupportGroup,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return childRecords<HalfYearReport>(ctx, info, GROUP_REPORTS, group.id);
  }
}

const GROUP_REPORTS = {
  entity: HalfYearReport,
  foreignKey: 'groupId',
  orderBy: { year: 'DESC', half: 'DESC' },
} as const;

const visitsOf = (ctx: RequestContext) =>
  ctx.loaders.childrenOf<Visit>(Visit, 'groupId', { visitDate: 'DESC' });

export const supportGroupResolvers = [
  ...buildCrudResolvers({
    entity: SupportGroup,
    name: 'SupportGroup',
    plural: 'SupportGroups',
    service: supportGroupService,
    extraFilters: {
      ...UNIT_FILTERS,
      withoutRecentVisit: {
        type: () => Boolean,
        description: 'Groups with no visit in the last six months (or, false, visited).',
      },
    },
  }),
  SupportGroupFieldsResolver,
];
