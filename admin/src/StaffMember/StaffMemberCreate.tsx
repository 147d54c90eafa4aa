import { ResourceCreate } from '../common/views';
import { StaffMemberForm } from './StaffMemberForm';

export const StaffMemberCreate = () => (
  <ResourceCreate>
    <StaffMemberForm />
  </ResourceCreate>
);
