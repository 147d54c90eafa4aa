import { ResourceCreate } from '../common/views';
import { AdministrativeUnitSuccessionForm } from './AdministrativeUnitSuccessionForm';

export const AdministrativeUnitSuccessionCreate = () => (
  <ResourceCreate>
    <AdministrativeUnitSuccessionForm />
  </ResourceCreate>
);
