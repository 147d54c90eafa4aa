import { ResourceEdit } from '../common/views';
import { ProgressEntryForm } from './ProgressEntryForm';

export const ProgressEntryEdit = () => (
  <ResourceEdit>
    <ProgressEntryForm />
  </ResourceEdit>
);
