import { ResourceCreate } from '../common/views';
import { PartnershipForm } from './PartnershipForm';

export const PartnershipCreate = () => (
  <ResourceCreate>
    <PartnershipForm />
  </ResourceCreate>
);
