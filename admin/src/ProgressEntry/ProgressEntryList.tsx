import { BooleanField, DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MoneyCol } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="memorandumId" source="memorandumId" reference="Memorandum" />,
  <ReferenceSelect key="commitmentId" source="commitmentId" reference="Commitment" />,
  <DayInput key="entryDate_gte" source="entryDate_gte" />,
  <DayInput key="entryDate_lte" source="entryDate_lte" />,
];

export const ProgressEntryList = () => (
  <ResourceList filters={filters} sort={{ field: 'entryDate', order: 'DESC' }}>
    <DataTable.Col source="entryDate" field={DayField} />
    <DataTable.Col source="commitmentId">
      <ReferenceField source="commitmentId" reference="Commitment" />
    </DataTable.Col>
    <DataTable.Col source="description" />
    <DataTable.NumberCol source="quantity" locales="vi-VN" />
    <MoneyCol source="cost" />
    <DataTable.Col source="completes" field={BooleanField} />
  </ResourceList>
);
