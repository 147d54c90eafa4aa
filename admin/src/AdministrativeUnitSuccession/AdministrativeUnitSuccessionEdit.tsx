import { ResourceEdit } from '../common/views';
import { AdministrativeUnitSuccessionForm } from './AdministrativeUnitSuccessionForm';

export const AdministrativeUnitSuccessionEdit = () => (
  <ResourceEdit>
    <AdministrativeUnitSuccessionForm />
  </ResourceEdit>
);
