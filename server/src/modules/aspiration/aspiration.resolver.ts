import { UNIT_FILTERS } from '../../common/crud/unit-area';
import { Authorized, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { buildCrudResolvers } from '../../common/crud/resource';
import { todayInVietnam } from '../../common/time';
import { Aspiration, OPEN_ASPIRATION_STATUSES } from './aspiration.entity';
import { aspirationService } from './aspiration.service';

const DAY = 86_400_000;

@Resolver(() => Aspiration)
export class AspirationAgeResolver {
  @Authorized()
  @FieldResolver(() => Boolean, { description: 'Not yet resolved or declined.' })
  open(@Root() aspiration: Aspiration) {
    return OPEN_ASPIRATION_STATUSES.includes(aspiration.status);
  }

  @Authorized()
  @FieldResolver(() => Int, { description: 'Days since it was recorded.' })
  ageDays(@Root() aspiration: Aspiration) {
    return Math.round((Date.parse(todayInVietnam()) - Date.parse(aspiration.recordedDate)) / DAY);
  }
}

export const aspirationResolvers = [
  ...buildCrudResolvers({
    entity: Aspiration,
    name: 'Aspiration',
    plural: 'Aspirations',
    service: aspirationService,
    extraFilters: {
      ...UNIT_FILTERS,
      open: {
        type: () => Boolean,
        description: 'Not yet resolved or declined (or, false, closed).',
      },
      ageBucket: {
        type: () => String,
        description: "Days since recorded, as the dashboard's buckets: 0-30, 31-90, 91-180, 180+.",
      },
    },
  }),
  AspirationAgeResolver,
];
