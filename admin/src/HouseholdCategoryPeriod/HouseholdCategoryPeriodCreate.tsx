import { ResourceCreate } from '../common/views';
import { HouseholdCategoryPeriodForm } from './HouseholdCategoryPeriodForm';

/** Opened from a household (see CreateRelatedButton), it returns there once saved. */
export const HouseholdCategoryPeriodCreate = () => (
  <ResourceCreate>
    <HouseholdCategoryPeriodForm />
  </ResourceCreate>
);
