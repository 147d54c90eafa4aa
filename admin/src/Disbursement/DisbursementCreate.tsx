import { ResourceCreate } from '../common/views';
import { DisbursementForm } from './DisbursementForm';

export const DisbursementCreate = () => (
  <ResourceCreate>
    <DisbursementForm />
  </ResourceCreate>
);
