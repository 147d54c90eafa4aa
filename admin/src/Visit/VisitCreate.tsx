import { todayIso } from '../common/formatters';
import { ResourceCreate } from '../common/views';
import { VisitForm } from './VisitForm';

/** Opened from a household (see CreateRelatedButton), it returns there once saved. */
export const VisitCreate = () => (
  <ResourceCreate>
    <VisitForm isCreate defaultValues={{ visitDate: todayIso() }} />
  </ResourceCreate>
);
