import { ResourceCreate } from '../common/views';
import { HouseholdMemberForm } from './HouseholdMemberForm';

/** Opened from a household (see CreateRelatedButton), it returns there once saved. */
export const HouseholdMemberCreate = () => (
  <ResourceCreate>
    <HouseholdMemberForm isCreate />
  </ResourceCreate>
);
