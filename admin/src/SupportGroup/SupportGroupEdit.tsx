import { ResourceEdit } from '../common/views';
import { SupportGroupForm } from './SupportGroupForm';

export const SupportGroupEdit = () => (
  <ResourceEdit>
    <SupportGroupForm />
  </ResourceEdit>
);
