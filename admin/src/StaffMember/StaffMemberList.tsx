import { BooleanField, DataTable, NullableBooleanInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <NullableBooleanInput key="active" source="active" />,
  <NullableBooleanInput key="partyMember" source="partyMember" />,
];

export const StaffMemberList = () => (
  <ResourceList filters={filters} sort={{ field: 'fullName', order: 'ASC' }}>
    <DataTable.Col source="fullName" />
    <DataTable.Col source="organizationId">
      <ReferenceField source="organizationId" reference="Organization" />
    </DataTable.Col>
    <DataTable.Col source="position" />
    <DataTable.Col source="titleRank" disableSort>
      <EnumChipField source="titleRank" enumName="TitleRank" />
    </DataTable.Col>
    <DataTable.Col source="partyMember" field={BooleanField} />
    <DataTable.Col source="active" field={BooleanField} />
  </ResourceList>
);
