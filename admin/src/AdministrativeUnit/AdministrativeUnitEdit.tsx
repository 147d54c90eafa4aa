import { ResourceEdit } from '../common/views';
import { AdministrativeUnitForm } from './AdministrativeUnitForm';

export const AdministrativeUnitEdit = () => (
  <ResourceEdit>
    <AdministrativeUnitForm />
  </ResourceEdit>
);
