import {
  DataTable,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { AspirationActions } from '../Aspiration/AspirationActions';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField, StaffChips } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { RecordHistory } from '../AuditEntry/RecordHistory';

/** What the household asked for during this visit. */
const AspirationsHeard = () => {
  const visit = useRecordContext();
  if (!visit) return null;
  return (
    <Section title="app.household.heard">
      <CreateRelatedButton
        resource="Aspiration"
        values={{
          householdId: visit.householdId,
          visitId: visit.id,
          recordedDate: visit.visitDate,
        }}
        label="app.action.add_aspiration"
      />
      <ReferenceManyField
        reference="Aspiration"
        target="visitId"
        sort={{ field: 'recordedDate', order: 'DESC' }}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="content" />
          <DataTable.Col source="status">
            <EnumChipField source="status" enumName="AspirationStatus" />
          </DataTable.Col>
          <DataTable.Col source="authorityId">
            <ReferenceField source="authorityId" reference="Organization" />
          </DataTable.Col>
          <DataTable.Col disableSort>
            <AspirationActions />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

export const VisitShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="householdId" reference="Household" />
      <ReferenceField source="groupId" reference="SupportGroup" />
      <DayField source="visitDate" />
      <StaffChips source="participantIds" />
      <TextField source="findings" />
      <MomentField source="updatedAt" />
      <AspirationsHeard />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
