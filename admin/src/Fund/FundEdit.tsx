import { ResourceEdit } from '../common/views';
import { FundForm } from './FundForm';

export const FundEdit = () => (
  <ResourceEdit>
    <FundForm />
  </ResourceEdit>
);
