import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="supportPlanId" source="supportPlanId" reference="SupportPlan" />,
  <DayInput key="plannedDate_gte" source="plannedDate_gte" />,
  <DayInput key="plannedDate_lte" source="plannedDate_lte" />,
  <DayInput key="doneDate_gte" source="doneDate_gte" />,
  <DayInput key="doneDate_lte" source="doneDate_lte" />,
];

export const SupportPlanStepList = () => (
  <ResourceList filters={filters} sort={{ field: 'position', order: 'ASC' }}>
    <DataTable.Col source="supportPlanId">
      <ReferenceField source="supportPlanId" reference="SupportPlan" />
    </DataTable.Col>
    <DataTable.NumberCol source="position" locales="vi-VN" />
    <DataTable.Col source="description" />
    <DataTable.Col source="plannedDate" field={DayField} />
    <DataTable.Col source="doneDate" field={DayField} />
  </ResourceList>
);
