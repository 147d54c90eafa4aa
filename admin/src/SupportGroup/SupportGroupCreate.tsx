import { ResourceCreate } from '../common/views';
import { SupportGroupForm } from './SupportGroupForm';

export const SupportGroupCreate = () => (
  <ResourceCreate>
    <SupportGroupForm />
  </ResourceCreate>
);
