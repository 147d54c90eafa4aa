import { ResourceEdit } from '../common/views';
import { HouseholdMemberForm } from './HouseholdMemberForm';

export const HouseholdMemberEdit = () => (
  <ResourceEdit>
    <HouseholdMemberForm />
  </ResourceEdit>
);
