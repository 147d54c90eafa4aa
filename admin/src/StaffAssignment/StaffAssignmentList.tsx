import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="staffMemberId" source="staffMemberId" reference="StaffMember" />,
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <SelectInput key="titleRank" source="titleRank" choices={titleRankChoices} />,
  <DayInput key="validFrom_gte" source="validFrom_gte" />,
  <DayInput key="validFrom_lte" source="validFrom_lte" />,
  <DayInput key="validTo_gte" source="validTo_gte" />,
  <DayInput key="validTo_lte" source="validTo_lte" />,
];

export const StaffAssignmentList = () => (
  <ResourceList filters={filters} sort={{ field: 'validFrom', order: 'DESC' }}>
    <DataTable.Col source="staffMemberId">
      <ReferenceField source="staffMemberId" reference="StaffMember" />
    </DataTable.Col>
    <DataTable.Col source="titleRank">
      <SelectField source="titleRank" choices={titleRankChoices} />
    </DataTable.Col>
    <DataTable.Col source="organizationId">
      <ReferenceField source="organizationId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col source="validFrom" field={DayField} />
    <DataTable.Col source="validTo" field={DayField} />
  </ResourceList>
);
