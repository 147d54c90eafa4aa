import { ResourceEdit } from '../common/views';
import { SupportPlanForm } from './SupportPlanForm';

export const SupportPlanEdit = () => (
  <ResourceEdit>
    <SupportPlanForm />
  </ResourceEdit>
);
