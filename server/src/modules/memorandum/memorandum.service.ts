import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import type { FieldViolation } from '../../common/errors';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';
import { CounterpartResponsibility, Memorandum } from './memorandum.entity';

export const memorandumService = new CrudService<Memorandum>({
  entity: Memorandum,
  name: 'Memorandum',
  fields: {
    partnershipId: f.ref(() => Partnership, 'Partnership', 'partnership'),
    title: f.text({ max: 500 }),
    signedDate: f.date({ optional: true }),
    partyIds: f.refs(() => Organization, 'Organization', 'parties', {
      table: 'memorandum_parties',
      ownerColumn: 'memorandum_id',
      targetColumn: 'organization_id',
      filterName: 'partyId',
    }),
    notes: f.longText({ optional: true }),
  },
  searchColumns: ['title'],
  defaultSort: { field: 'signedDate', order: 'DESC' },
  async rules(memorandum, { em }) {
    const violations: FieldViolation[] = [];
    const partnership = await em.findOneBy(Partnership, { id: memorandum.partnershipId });
    if (
      memorandum.signedDate &&
      partnership?.coordinationPlanDate &&
      memorandum.signedDate < partnership.coordinationPlanDate
    ) {
      violations.push({
        field: 'signedDate',
        rule: 'afterCoordinationPlan',
        message: `must not be before the coordination plan (${partnership.coordinationPlanDate})`,
        params: { min: partnership.coordinationPlanDate },
      });
    }
    return violations;
  },
});

export const counterpartResponsibilityService = new CrudService<CounterpartResponsibility>({
  entity: CounterpartResponsibility,
  name: 'CounterpartResponsibility',
  fields: {
    memorandumId: f.ref(() => Memorandum, 'Memorandum', 'memorandum'),
    position: f.int({ min: 0, max: 1000 }),
    description: f.longText({ searchable: true }),
    responsibleOrganizationId: f.ref(
      () => Organization,
      'Organization',
      'responsibleOrganization',
      {
        optional: true,
      },
    ),
  },
  searchColumns: ['description'],
  defaultSort: { field: 'position', order: 'ASC' },
});
