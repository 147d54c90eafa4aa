import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../administrative-unit/administrative-unit.entity';
import { Organization, OrganizationKind } from './organization.entity';

export const organizationService = new CrudService<Organization>({
  entity: Organization,
  name: 'Organization',
  unitColumn: 'administrative_unit_id',
  fields: {
    name: f.text(),
    shortName: f.text({ optional: true, max: 100 }),
    kind: f.enumOf(OrganizationKind, 'OrganizationKind'),
    level: f.enumOf(AdministrativeLevel, 'AdministrativeLevel', { optional: true }),
    administrativeUnitId: f.ref(
      () => AdministrativeUnit,
      'AdministrativeUnit',
      'administrativeUnit',
      {
        optional: true,
      },
    ),
  },
  searchColumns: ['name', 'shortName'],
  defaultSort: { field: 'name', order: 'ASC' },
});
