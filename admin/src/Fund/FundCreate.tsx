import { ResourceCreate } from '../common/views';
import { FundForm } from './FundForm';

export const FundCreate = () => (
  <ResourceCreate>
    <FundForm />
  </ResourceCreate>
);
