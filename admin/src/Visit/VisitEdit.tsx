import { ResourceEdit } from '../common/views';
import { VisitForm } from './VisitForm';

export const VisitEdit = () => (
  <ResourceEdit>
    <VisitForm />
  </ResourceEdit>
);
