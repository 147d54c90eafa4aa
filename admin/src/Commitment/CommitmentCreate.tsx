import { ResourceCreate } from '../common/views';
import { CommitmentForm } from './CommitmentForm';

export const CommitmentCreate = () => (
  <ResourceCreate>
    <CommitmentForm />
  </ResourceCreate>
);
