import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { Organization } from '../organization/organization.entity';
import { Plan } from './plan.entity';

export const planService = new CrudService<Plan>({
  entity: Plan,
  name: 'Plan',
  fields: {
    code: f.text({ max: 50, unique: true }),
    title: f.longText(),
    modelName: f.longText({ optional: true }),
    issuerId: f.ref(() => Organization, 'Organization', 'issuer', { optional: true }),
    issuedDate: f.date({ optional: true }),
  },
  searchColumns: ['code', 'title'],
  defaultSort: { field: 'code', order: 'ASC' },
});
