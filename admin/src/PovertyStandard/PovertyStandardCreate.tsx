import { ResourceCreate } from '../common/views';
import { PovertyStandardForm } from './PovertyStandardForm';

export const PovertyStandardCreate = () => (
  <ResourceCreate>
    <PovertyStandardForm />
  </ResourceCreate>
);
