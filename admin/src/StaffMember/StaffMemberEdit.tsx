import { ResourceEdit } from '../common/views';
import { StaffMemberForm } from './StaffMemberForm';

export const StaffMemberEdit = () => (
  <ResourceEdit>
    <StaffMemberForm />
  </ResourceEdit>
);
