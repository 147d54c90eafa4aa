import { ResourceCreate } from '../common/views';
import { StaffAssignmentForm } from './StaffAssignmentForm';

/** Opened from a person's page (see CreateRelatedButton), it returns there once saved. */
export const StaffAssignmentCreate = () => (
  <ResourceCreate>
    <StaffAssignmentForm />
  </ResourceCreate>
);
