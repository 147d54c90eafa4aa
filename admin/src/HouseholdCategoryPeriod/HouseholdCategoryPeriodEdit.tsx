import { ResourceEdit } from '../common/views';
import { HouseholdCategoryPeriodForm } from './HouseholdCategoryPeriodForm';

export const HouseholdCategoryPeriodEdit = () => (
  <ResourceEdit>
    <HouseholdCategoryPeriodForm />
  </ResourceEdit>
);
