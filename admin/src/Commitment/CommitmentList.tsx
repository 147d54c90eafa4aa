import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { commitmentAreaChoices } from '../common/choices';
import { DayField, StatusField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';
import { TargetField } from './TargetField';

const filters = [
  <ReferenceSelect key="memorandumId" source="memorandumId" reference="Memorandum" />,
  <SelectInput key="area" source="area" choices={commitmentAreaChoices} />,
  <ReferenceSelect
    key="responsibleOrganizationId"
    source="responsibleOrganizationId"
    reference="Organization"
  />,
  <DayInput key="dueDate_gte" source="dueDate_gte" />,
  <DayInput key="dueDate_lte" source="dueDate_lte" />,
];

export const CommitmentList = () => (
  <ResourceList filters={filters} sort={{ field: 'position', order: 'ASC' }}>
    <DataTable.Col source="area">
      <SelectField source="area" choices={commitmentAreaChoices} />
    </DataTable.Col>
    <DataTable.Col source="title" />
    <DataTable.Col source="targetQuantity" field={TargetField} />
    <DataTable.NumberCol source="achievedQuantity" locales="vi-VN" disableSort />
    <DataTable.Col source="status" field={StatusField} disableSort />
    <DataTable.Col source="dueDate" field={DayField} />
    <DataTable.Col source="responsibleOrganizationId">
      <ReferenceField source="responsibleOrganizationId" reference="Organization" />
    </DataTable.Col>
  </ResourceList>
);
