import { ResourceEdit } from '../common/views';
import { PlanForm } from './PlanForm';

export const PlanEdit = () => (
  <ResourceEdit>
    <PlanForm />
  </ResourceEdit>
);
