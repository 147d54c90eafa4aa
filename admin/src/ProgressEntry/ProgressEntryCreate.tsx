import { useLocation } from 'react-admin';
import { ResourceCreate } from '../common/views';
import { ProgressEntryForm } from './ProgressEntryForm';

/** Opened from a commitment (see AddProgressButton), it returns there once saved. */
export const ProgressEntryCreate = () => {
  const returnTo = (useLocation().state as { returnTo?: string } | null)?.returnTo;
  return (
    <ResourceCreate redirect={returnTo ? () => returnTo : 'show'}>
      <ProgressEntryForm />
    </ResourceCreate>
  );
};
