import { ResourceCreate } from '../common/views';
import { PlanForm } from './PlanForm';

export const PlanCreate = () => (
  <ResourceCreate>
    <PlanForm />
  </ResourceCreate>
);
