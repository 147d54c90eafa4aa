import { ResourceCreate } from '../common/views';
import { AdministrativeUnitForm } from './AdministrativeUnitForm';

export const AdministrativeUnitCreate = () => (
  <ResourceCreate>
    <AdministrativeUnitForm />
  </ResourceCreate>
);
