import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="memorandumId" source="memorandumId" reference="Memorandum" />,
  <ReferenceSelect
    key="responsibleOrganizationId"
    source="responsibleOrganizationId"
    reference="Organization"
  />,
];

export const CounterpartResponsibilityList = () => (
  <ResourceList filters={filters} sort={{ field: 'position', order: 'ASC' }}>
    <DataTable.NumberCol source="position" locales="vi-VN" />
    <DataTable.Col source="description" />
    <DataTable.Col source="memorandumId">
      <ReferenceField source="memorandumId" reference="Memorandum" />
    </DataTable.Col>
    <DataTable.Col source="responsibleOrganizationId">
      <ReferenceField source="responsibleOrganizationId" reference="Organization" />
    </DataTable.Col>
  </ResourceList>
);
