import { buildCrudResolvers } from '../../common/crud/resource';
import { UNIT_FILTERS } from '../../common/crud/unit-area';
import { Partnership } from './partnership.entity';
import { partnershipService } from './partnership.service';

export const partnershipResolvers = buildCrudResolvers({
  entity: Partnership,
  name: 'Partnership',
  plural: 'Partnerships',
  service: partnershipService,
  extraFilters: UNIT_FILTERS,
});
