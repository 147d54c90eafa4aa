import { ResourceCreate } from '../common/views';
import { OrganizationForm } from './OrganizationForm';

export const OrganizationCreate = () => (
  <ResourceCreate>
    <OrganizationForm />
  </ResourceCreate>
);
