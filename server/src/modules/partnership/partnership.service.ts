import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { SCOPE_ORG, scopes } from '../../common/crud/scopes';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../administrative-unit/administrative-unit.entity';
import { Organization } from '../organization/organization.entity';
import { Plan } from '../plan/plan.entity';
import { Partnership } from './partnership.entity';

export const partnershipService = new CrudService<Partnership>({
  entity: Partnership,
  name: 'Partnership',
  scope: (r) => scopes.partnership(`${r}.id`),
  writeScope: (r) =>
    `${r}.id IN (SELECT ps.partnership_id FROM partnership_sponsors ps WHERE ps.organization_id = ${SCOPE_ORG})`,
  scopeField: 'sponsorIds',
  fields: {
    name: f.text(),
    planId: f.ref(() => Plan, 'Plan', 'plan'),
    communeId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'commune'),
    sponsorIds: f.refs(() => Organization, 'Organization', 'sponsors', {
      table: 'partnership_sponsors',
      ownerColumn: 'partnership_id',
      targetColumn: 'organization_id',
      filterName: 'sponsorId',
    }),
    coordinationPlanDate: f.date({ optional: true }),
    notes: f.longText({ optional: true }),
  },
  searchColumns: ['name'],
  defaultSort: { field: 'name', order: 'ASC' },
  async rules(partnership, { em }) {
    const commune = await em.findOneBy(AdministrativeUnit, { id: partnership.communeId });
    if (commune && commune.level !== AdministrativeLevel.COMMUNE) {
      return [{ field: 'communeId', rule: 'communeLevel', message: 'must be a commune' }];
    }
    return [];
  },
});
