import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { MomentField } from '../common/fields';
import { Section } from '../common/views';
import { ChangesTable } from './ChangesTable';
import { OperationField, RecordIdField, TableNameField } from './AuditFields';

/** One change: where, when, by whom, and each field before → after. */
export const AuditEntryShow = () => (
  <Show actions={false}>
    <SimpleShowLayout>
      <MomentField source="at" />
      <TableNameField source="tableName" />
      <RecordIdField source="recordId" />
      <OperationField source="operation" />
      <ReferenceField source="actorUserId" reference="User" emptyText="app.audit.system_actor" />
      <EnumChipField source="actorRole" enumName="Role" />
      <TextField source="dbUser" />
      <TextField source="txid" />
      <Section title="app.audit.changes">
        <ChangesTable />
      </Section>
    </SimpleShowLayout>
  </Show>
);
