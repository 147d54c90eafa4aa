import { ResourceEdit } from '../common/views';
import { InformationRequestForm } from './InformationRequestForm';

export const InformationRequestEdit = () => (
  <ResourceEdit>
    <InformationRequestForm />
  </ResourceEdit>
);
