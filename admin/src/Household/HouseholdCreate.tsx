import { ResourceCreate } from '../common/views';
import { HouseholdForm } from './HouseholdForm';

export const HouseholdCreate = () => (
  <ResourceCreate>
    <HouseholdForm />
  </ResourceCreate>
);
