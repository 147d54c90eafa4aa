import { ResourceCreate } from '../common/views';
import { UserForm, userPayload } from './UserForm';

export const UserCreate = () => (
  <ResourceCreate transform={userPayload}>
    <UserForm mode="create" />
  </ResourceCreate>
);
