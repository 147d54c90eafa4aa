import { ResourceEdit } from '../common/views';
import { PovertyStandardForm } from './PovertyStandardForm';

export const PovertyStandardEdit = () => (
  <ResourceEdit>
    <PovertyStandardForm />
  </ResourceEdit>
);
