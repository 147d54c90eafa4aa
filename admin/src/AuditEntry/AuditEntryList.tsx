import {
  BulkExportButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { auditOperationChoices } from '../common/choices';
import { MomentField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ChangedFieldsField, OperationField, RecordIdField, TableNameField } from './AuditFields';
import { LINK_TABLES, TABLE_RESOURCES } from './auditLabels';
import { ResponsiveDataTable } from '../common/views';

/** Tables by the resource they belong to (translated by react-admin's SelectInput). */
const tableChoices = Object.entries(TABLE_RESOURCES)
  .filter(([table]) => !LINK_TABLES.has(table))
  .map(([table, resource]) => ({ id: table, name: `resources.${resource}.name` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="tableName" source="tableName" choices={tableChoices} />,
  <TextInput key="recordId" source="recordId" />,
  <ReferenceSelect key="actorUserId" source="actorUserId" reference="User" />,
  <SelectInput key="operation" source="operation" choices={auditOperationChoices} />,
  <DayInput key="at_gte" source="at_gte" />,
  <DayInput key="at_lte" source="at_lte" />,
];

/** Every insert, update and delete, newest first, with who made it. */
export const AuditEntryList = () => (
  <List filters={filters} sort={{ field: 'at', order: 'DESC' }}>
    <ResponsiveDataTable bulkActionButtons={<BulkExportButton />}>
      <DataTable.Col source="at" field={MomentField} />
      <DataTable.Col source="tableName" field={TableNameField} />
      <DataTable.Col source="recordId" field={RecordIdField} disableSort />
      <DataTable.Col source="operation" field={OperationField} />
      <DataTable.Col source="changedFields" field={ChangedFieldsField} disableSort />
      <DataTable.Col source="actorUserId" disableSort>
        <ReferenceField source="actorUserId" reference="User" emptyText="app.audit.system_actor" />
      </DataTable.Col>
    </ResponsiveDataTable>
  </List>
);
