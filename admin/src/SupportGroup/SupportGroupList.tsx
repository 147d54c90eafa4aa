import { BooleanInput, DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, StaffChips } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <ReferenceSelect key="partnershipId" source="partnershipId" reference="Partnership" />,
  <ReferenceSelect key="memberId" source="memberId" reference="StaffMember" />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <DayInput key="formedDate_gte" source="formedDate_gte" />,
  <DayInput key="formedDate_lte" source="formedDate_lte" />,
  <BooleanInput key="withoutRecentVisit" source="withoutRecentVisit" />,
];

export const SupportGroupList = () => (
  <ResourceList filters={filters} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="organizationId">
      <ReferenceField source="organizationId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col source="leaderId">
      <ReferenceField source="leaderId" reference="StaffMember" />
    </DataTable.Col>
    <DataTable.Col source="memberIds" disableSort>
      <StaffChips source="memberIds" />
    </DataTable.Col>
    <DataTable.Col source="lastVisitDate" field={DayField} disableSort />
  </ResourceList>
);
