import { ResourceCreate } from '../common/views';
import { SupportPlanStepForm } from './SupportPlanStepForm';

/** Opened from a plan (see CreateRelatedButton), it returns there once saved. */
export const SupportPlanStepCreate = () => (
  <ResourceCreate>
    <SupportPlanStepForm />
  </ResourceCreate>
);
