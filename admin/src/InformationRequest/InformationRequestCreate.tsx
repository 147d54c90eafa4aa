import { ResourceCreate } from '../common/views';
import { InformationRequestForm } from './InformationRequestForm';

export const InformationRequestCreate = () => (
  <ResourceCreate>
    <InformationRequestForm />
  </ResourceCreate>
);
