import { buildCrudResolvers } from '../../common/crud/resource';
import { UNIT_FILTERS } from '../../common/crud/unit-area';
import { Organization } from './organization.entity';
import { organizationService } from './organization.service';

export const organizationResolvers = buildCrudResolvers({
  entity: Organization,
  name: 'Organization',
  plural: 'Organizations',
  service: organizationService,
  extraFilters: UNIT_FILTERS,
});
