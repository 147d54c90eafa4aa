import { buildCrudResolvers } from '../../common/crud/resource';
import { Plan } from './plan.entity';
import { planService } from './plan.service';

export const planResolvers = buildCrudResolvers({
  entity: Plan,
  name: 'Plan',
  plural: 'Plans',
  service: planService,
});
