import { ResourceEdit } from '../common/views';
import { CommitmentForm } from './CommitmentForm';

export const CommitmentEdit = () => (
  <ResourceEdit>
    <CommitmentForm />
  </ResourceEdit>
);
