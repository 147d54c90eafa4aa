import { ResourceEdit } from '../common/views';
import { PartnershipForm } from './PartnershipForm';

export const PartnershipEdit = () => (
  <ResourceEdit>
    <PartnershipForm />
  </ResourceEdit>
);
