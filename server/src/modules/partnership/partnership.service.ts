import { CrudService } from '../../common/crud/crud.service';
import { forbidden, type FieldViolation } from '../../common/errors';
import { Role } from '../../common/roles';
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
  unitColumn: 'commune_id',
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
  async rules(partnership, { em, ctx, existing, lists }) {
    const violations: FieldViolation[] = [];
    const commune = await em.findOneBy(AdministrativeUnit, { id: partnership.communeId });
    if (commune && commune.level !== AdministrativeLevel.COMMUNE) {
      violations.push({ field: 'communeId', rule: 'communeLevel', message: 'must be a commune' });
    }
    const sponsorIds = lists.sponsorIds;
    if (sponsorIds && ctx.user?.role !== Role.ADMIN) {
      // An officer speaks for their own agency only: whether another agency sponsors a partnership
      // is that agency's commitment, changed by an administrator.
      const own = ctx.scope.organizationId;
      const before: { id: string }[] = existing
        ? await em.query(
            'SELECT organization_id AS id FROM partnership_sponsors WHERE partnership_id = $1',
            [existing.id],
          )
        : [];
      const others = (ids: string[]) => [...new Set(ids.filter((id) => id !== own))].sort();
      if (others(sponsorIds).join() !== others(before.map((row) => row.id)).join()) {
        throw forbidden("Only an administrator may change another agency's participation", {
          field: 'sponsorIds',
          rule: 'otherAgencyParticipation',
        });
      }
    }
    return violations;
  },
});
