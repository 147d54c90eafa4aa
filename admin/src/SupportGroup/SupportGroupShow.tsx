import { Chip } from '@mui/material';
import {
  DataTable,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField, EnumChipsField } from '../common/EnumChip';
import { DayField, HalfYearField, MomentField, StaffChips } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { RecordHistory } from '../AuditEntry/RecordHistory';

/** The group's members with the title each holds today; the leader is marked. */
const Members = () => {
  const group = useRecordContext();
  const translate = useTranslate();
  const leaderMark = (member: RaRecord) =>
    group?.leaderId === member.id ? (
      <Chip size="small" color="primary" label={translate('app.group.leader')} />
    ) : null;
  return (
    <ReferenceArrayField source="memberIds" reference="StaffMember" perPage={100}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="fullName" />
        <DataTable.Col source="titleRank" disableSort>
          <EnumChipField source="titleRank" enumName="TitleRank" />
        </DataTable.Col>
        <DataTable.Col source="position" />
        <DataTable.Col label="app.group.leader" render={leaderMark} />
      </DataTable>
    </ReferenceArrayField>
  );
};

const Households = () => (
  <ReferenceArrayField source="householdIds" reference="Household" perPage={100}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="headName" />
      <DataTable.Col source="villageId">
        <ReferenceField source="villageId" reference="AdministrativeUnit" />
      </DataTable.Col>
      <DataTable.Col source="currentCategories" disableSort>
        <EnumChipsField source="currentCategories" enumName="HouseholdCategory" />
      </DataTable.Col>
      <DataTable.Col source="needs" disableSort>
        <EnumChipsField source="needs" enumName="HouseholdNeed" />
      </DataTable.Col>
    </DataTable>
  </ReferenceArrayField>
);

const Visits = () => (
  <ReferenceManyField
    reference="Visit"
    target="groupId"
    sort={{ field: 'visitDate', order: 'DESC' }}
    perPage={50}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="visitDate" field={DayField} />
      <DataTable.Col source="householdId">
        <ReferenceField source="householdId" reference="Household" />
      </DataTable.Col>
      <DataTable.Col source="findings" />
      <DataTable.Col source="participantIds" disableSort>
        <StaffChips source="participantIds" />
      </DataTable.Col>
    </DataTable>
  </ReferenceManyField>
);

const Reports = () => {
  const group = useRecordContext();
  if (!group) return null;
  return (
    <>
      <CreateRelatedButton
        resource="HalfYearReport"
        values={{ groupId: group.id }}
        label="app.action.add_report"
      />
      <ReferenceManyField
        reference="HalfYearReport"
        target="groupId"
        sort={{ field: 'year', order: 'DESC' }}
        perPage={50}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="half" field={HalfYearField} />
          <DataTable.Col source="status" disableSort>
            <EnumChipField source="status" enumName="ReportStatus" />
          </DataTable.Col>
          <DataTable.NumberCol source="visitCount" locales="vi-VN" disableSort />
          <DataTable.NumberCol source="householdsVisited" locales="vi-VN" disableSort />
          <DataTable.NumberCol source="planStepsDone" locales="vi-VN" disableSort />
          <DataTable.NumberCol source="aspirationsRelayed" locales="vi-VN" disableSort />
          <DataTable.NumberCol source="aspirationsResolved" locales="vi-VN" disableSort />
        </DataTable>
      </ReferenceManyField>
    </>
  );
};

export const SupportGroupShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="organizationId" reference="Organization" />
      <ReferenceField source="partnershipId" reference="Partnership" />
      <DayField source="formedDate" />
      <ReferenceField source="leaderId" reference="StaffMember" />
      <DayField source="lastVisitDate" emptyText="app.group.never_visited" />
      <TextField source="notes" />
      <MomentField source="updatedAt" />
      <Section title="app.group.members">
        <Members />
      </Section>
      <Section title="app.group.households">
        <Households />
      </Section>
      <Section title="app.group.visits">
        <Visits />
      </Section>
      <Section title="app.group.reports">
        <Reports />
      </Section>
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
