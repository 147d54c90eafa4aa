import { ResourceEdit } from '../common/views';
import { StaffAssignmentForm } from './StaffAssignmentForm';

export const StaffAssignmentEdit = () => (
  <ResourceEdit>
    <StaffAssignmentForm />
  </ResourceEdit>
);
