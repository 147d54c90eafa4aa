import { ResourceEdit } from '../common/views';
import { AspirationForm } from './AspirationForm';

export const AspirationEdit = () => (
  <ResourceEdit>
    <AspirationForm />
  </ResourceEdit>
);
