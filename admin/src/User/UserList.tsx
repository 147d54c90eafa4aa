import {
  BooleanField,
  BulkExportButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { roleChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { ResponsiveDataTable } from '../common/views';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <ReferenceSelect key="organizationId" source="organizationId" reference="Organization" />,
  <NullableBooleanInput key="disabled" source="disabled" />,
];

/** Accounts by sign-in name; users are disabled rather than deleted, so there is no delete. */
export const UserList = () => (
  <List filters={filters} sort={{ field: 'username', order: 'ASC' }}>
    <ResponsiveDataTable bulkActionButtons={<BulkExportButton />}>
      <DataTable.Col source="username" />
      <DataTable.Col source="displayName" />
      <DataTable.Col source="role">
        <EnumChipField source="role" enumName="Role" />
      </DataTable.Col>
      <DataTable.Col source="organizationId">
        <ReferenceField source="organizationId" reference="Organization" />
      </DataTable.Col>
      <DataTable.Col source="disabled" field={BooleanField} />
      <DataTable.Col source="lastLoginAt" field={MomentField} />
    </ResponsiveDataTable>
  </List>
);
