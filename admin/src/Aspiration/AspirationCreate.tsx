import { ResourceCreate } from '../common/views';
import { AspirationForm } from './AspirationForm';

/** Opened from a household or a visit (see CreateRelatedButton), it returns there once saved. */
export const AspirationCreate = () => (
  <ResourceCreate>
    <AspirationForm isCreate />
  </ResourceCreate>
);
