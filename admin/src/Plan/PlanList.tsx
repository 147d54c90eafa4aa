import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="issuerId" source="issuerId" reference="Organization" />,
  <DayInput key="issuedDate_gte" source="issuedDate_gte" />,
  <DayInput key="issuedDate_lte" source="issuedDate_lte" />,
];

export const PlanList = () => (
  <ResourceList filters={filters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="title" />
    <DataTable.Col source="issuerId">
      <ReferenceField source="issuerId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col source="issuedDate" field={DayField} />
  </ResourceList>
);
