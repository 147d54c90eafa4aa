import { buildCrudResolvers } from '../../common/crud/resource';
import { AdministrativeUnit } from './administrative-unit.entity';
import { administrativeUnitService } from './administrative-unit.service';

export const administrativeUnitResolvers = buildCrudResolvers({
  entity: AdministrativeUnit,
  name: 'AdministrativeUnit',
  plural: 'AdministrativeUnits',
  service: administrativeUnitService,
});
