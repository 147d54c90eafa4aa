import { ResourceCreate } from '../common/views';
import { SupportPlanForm } from './SupportPlanForm';

/** Opened from a household (see CreateRelatedButton), it returns there once saved. */
export const SupportPlanCreate = () => (
  <ResourceCreate>
    <SupportPlanForm defaultValues={{ status: 'DRAFT' }} />
  </ResourceCreate>
);
