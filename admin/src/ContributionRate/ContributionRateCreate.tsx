import { ResourceCreate } from '../common/views';
import { ContributionRateForm } from './ContributionRateForm';

export const ContributionRateCreate = () => (
  <ResourceCreate>
    <ContributionRateForm />
  </ResourceCreate>
);
