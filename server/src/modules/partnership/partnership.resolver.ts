import { buildCrudResolvers } from '../../common/crud/resource';
import { Partnership } from './partnership.entity';
import { partnershipService } from './partnership.service';

export const partnershipResolvers = buildCrudResolvers({
  entity: Partnership,
  name: 'Partnership',
  plural: 'Partnerships',
  service: partnershipService,
});
