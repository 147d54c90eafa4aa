import { ResourceEdit } from '../common/views';
import { SupportPlanStepForm } from './SupportPlanStepForm';

export const SupportPlanStepEdit = () => (
  <ResourceEdit>
    <SupportPlanStepForm />
  </ResourceEdit>
);
