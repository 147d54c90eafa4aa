import { ResourceEdit } from '../common/views';
import { OrganizationForm } from './OrganizationForm';

export const OrganizationEdit = () => (
  <ResourceEdit>
    <OrganizationForm />
  </ResourceEdit>
);
