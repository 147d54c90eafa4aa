import {
  BooleanField,
  DataTable,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { RecordHistory } from '../AuditEntry/RecordHistory';

/** The person's title periods, newest first, and a button to add the next one. */
const Assignments = () => {
  const staff = useRecordContext();
  if (!staff) return null;
  return (
    <Section title="app.staff.assignments">
      <CreateRelatedButton
        resource="StaffAssignment"
        values={{ staffMemberId: staff.id, organizationId: staff.organizationId }}
        label="app.action.add_assignment"
        data-testid="add-assignment"
      />
      <ReferenceManyField
        reference="StaffAssignment"
        target="staffMemberId"
        sort={{ field: 'validFrom', order: 'DESC' }}
        perPage={100}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="titleRank">
            <SelectField source="titleRank" choices={titleRankChoices} />
          </DataTable.Col>
          <DataTable.Col source="organizationId">
            <ReferenceField source="organizationId" reference="Organization" />
          </DataTable.Col>
          <DataTable.Col source="validFrom" field={DayField} />
          <DataTable.Col source="validTo" field={DayField} />
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

export const StaffMemberShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="fullName" />
      <ReferenceField source="organizationId" reference="Organization" />
      <TextField source="position" />
      <EnumChipField source="titleRank" enumName="TitleRank" />
      <BooleanField source="partyMember" />
      <BooleanField source="active" />
      <MomentField source="updatedAt" />
      <Assignments />
      <Section title="resources.SupportGroup.name">
        <ReferenceManyField reference="SupportGroup" target="memberId">
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="name" />
            <DataTable.Col source="organizationId">
              <ReferenceField source="organizationId" reference="Organization" />
            </DataTable.Col>
            <DataTable.Col source="formedDate" field={DayField} />
          </DataTable>
        </ReferenceManyField>
      </Section>
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
