import { ResourceEdit } from '../common/views';
import { HouseholdForm } from './HouseholdForm';

export const HouseholdEdit = () => (
  <ResourceEdit>
    <HouseholdForm />
  </ResourceEdit>
);
