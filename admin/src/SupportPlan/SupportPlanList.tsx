import { DataTable, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { supportPlanStatusChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';
import { StepsDoneField } from './StepsDoneField';

const filters = [
  <ReferenceSelect key="groupId" source="groupId" reference="SupportGroup" />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <SelectInput key="status" source="status" choices={supportPlanStatusChoices} />,
  <DayInput key="registeredDate_gte" source="registeredDate_gte" />,
  <DayInput key="registeredDate_lte" source="registeredDate_lte" />,
];

export const SupportPlanList = () => (
  <ResourceList filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable.Col source="title" />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="groupId">
      <ReferenceField source="groupId" reference="SupportGroup" />
    </DataTable.Col>
    <DataTable.Col source="status">
      <EnumChipField source="status" enumName="SupportPlanStatus" />
    </DataTable.Col>
    <DataTable.Col source="registeredDate" field={DayField} />
    <DataTable.Col source="stepsDone" field={StepsDoneField} disableSort />
  </ResourceList>
);
