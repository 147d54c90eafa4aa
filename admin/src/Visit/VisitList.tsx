import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, StaffChips } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="groupId" source="groupId" reference="SupportGroup" />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <ReferenceSelect key="participantId" source="participantId" reference="StaffMember" />,
  <DayInput key="visitDate_gte" source="visitDate_gte" />,
  <DayInput key="visitDate_lte" source="visitDate_lte" />,
];

export const VisitList = () => (
  <ResourceList filters={filters} sort={{ field: 'visitDate', order: 'DESC' }}>
    <DataTable.Col source="visitDate" field={DayField} />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="groupId">
      <ReferenceField source="groupId" reference="SupportGroup" />
    </DataTable.Col>
    <DataTable.Col source="findings" />
    <DataTable.Col source="participantIds" disableSort>
      <StaffChips source="participantIds" />
    </DataTable.Col>
  </ResourceList>
);
