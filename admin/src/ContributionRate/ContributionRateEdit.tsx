import { ResourceEdit } from '../common/views';
import { ContributionRateForm } from './ContributionRateForm';

export const ContributionRateEdit = () => (
  <ResourceEdit>
    <ContributionRateForm />
  </ResourceEdit>
);
