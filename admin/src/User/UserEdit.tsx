import { ResourceEdit } from '../common/views';
import { UserForm, userPayload } from './UserForm';

export const UserEdit = () => (
  <ResourceEdit transform={userPayload}>
    <UserForm mode="edit" />
  </ResourceEdit>
);
