import type { ReactNode } from 'react';
import { Chip, Typography } from '@mui/material';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import {
  ChipField,
  DataTable,
  DeleteButton,
  EditButton,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  SingleFieldList,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import { AspirationActions } from '../Aspiration/AspirationActions';
import { RecordHistory } from '../AuditEntry/RecordHistory';
import { ForwardedToField, ResponseField } from '../Aspiration/AspirationFields';
import { relationChoices } from '../common/choices';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField, EnumChipsField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { formatDay } from '../common/formatters';
import { Section } from '../common/views';
import { StepsDoneField } from '../SupportPlan/StepsDoneField';
import { PovertyOutcomeField } from './PovertyOutcomeField';
import { VisitTimeline } from './VisitTimeline';
import { UnitFullName } from '../common/UnitFullName';

/** The first group helping the household: the one a new visit or plan belongs to by default. */
const firstGroupOf = (household: RaRecord) =>
  (household.groupsIds as string[] | undefined)?.[0] ?? undefined;

const HouseholdShowActions = () => {
  const household = useRecordContext();
  if (!household) return null;
  return (
    <TopToolbar>
      <CreateRelatedButton
        resource="Visit"
        values={{ householdId: household.id, groupId: firstGroupOf(household) }}
        label="app.action.record_visit"
        icon={<DirectionsWalkIcon />}
        data-testid="record-visit"
      />
      <CreateRelatedButton
        resource="Aspiration"
        values={{ householdId: household.id }}
        label="app.action.add_aspiration"
        icon={<RecordVoiceOverIcon />}
        data-testid="add-aspiration"
      />
      <EditButton />
      <DeleteButton mutationMode="pessimistic" />
    </TopToolbar>
  );
};

/** A section of the household page with a button adding a record of `resource` to it. */
const RelatedSection = ({
  title,
  resource,
  values,
  label,
  children,
}: {
  title: string;
  resource: string;
  values: (household: RaRecord) => Record<string, unknown>;
  label: string;
  children: ReactNode;
}) => {
  const household = useRecordContext();
  if (!household) return null;
  return (
    <Section title={title}>
      <CreateRelatedButton resource={resource} values={values(household)} label={label} />
      {children}
    </Section>
  );
};

const NoGroup = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.household.no_group')}
    </Typography>
  );
};

const PupilMark = () => {
  const member = useRecordContext();
  const translate = useTranslate();
  return member?.isPupil ? (
    <Chip size="small" color="info" label={translate('app.household.pupil')} />
  ) : null;
};

const Members = () => (
  <RelatedSection
    title="app.household.members"
    resource="HouseholdMember"
    values={(household) => ({ householdId: household.id })}
    label="app.action.add_member"
  >
    <ReferenceManyField
      reference="HouseholdMember"
      target="householdId"
      sort={{ field: 'birthYear', order: 'ASC' }}
      perPage={100}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="fullName" />
        <DataTable.Col source="relation">
          <SelectField source="relation" choices={relationChoices} />
        </DataTable.Col>
        <DataTable.Col source="birthYear" />
        <DataTable.Col source="isPupil" field={PupilMark} />
        <DataTable.Col source="citizenIdMasked" disableSort />
        <DataTable.Col source="legacyIdNumberMasked" disableSort />
      </DataTable>
    </ReferenceManyField>
  </RelatedSection>
);

const CategoryPeriods = () => (
  <RelatedSection
    title="app.household.category_periods"
    resource="HouseholdCategoryPeriod"
    values={(household) => ({ householdId: household.id })}
    label="app.action.add_category_period"
  >
    <div data-testid="household-category-periods">
      <ReferenceManyField
        reference="HouseholdCategoryPeriod"
        target="householdId"
        sort={{ field: 'validFrom', order: 'DESC' }}
        perPage={100}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="category">
            <EnumChipField source="category" enumName="HouseholdCategory" />
          </DataTable.Col>
          <DataTable.Col source="validFrom" field={DayField} />
          <DataTable.Col source="validTo" field={DayField} />
          <DataTable.Col source="source">
            <EnumChipField source="source" enumName="CategoryPeriodSource" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </div>
  </RelatedSection>
);

const Plans = () => (
  <RelatedSection
    title="app.household.plans"
    resource="SupportPlan"
    values={(household) => ({
      householdId: household.id,
      groupId: firstGroupOf(household),
    })}
    label="app.action.add_plan"
  >
    <ReferenceManyField
      reference="SupportPlan"
      target="householdId"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={100}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" />
        <DataTable.Col source="groupId">
          <ReferenceField source="groupId" reference="SupportGroup" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumChipField source="status" enumName="SupportPlanStatus" />
        </DataTable.Col>
        <DataTable.Col source="registeredDate" field={DayField} />
        <DataTable.Col source="stepsDone" field={StepsDoneField} disableSort />
      </DataTable>
    </ReferenceManyField>
  </RelatedSection>
);

const Visits = () => {
  const household = useRecordContext();
  if (!household) return null;
  return (
    <Section title="app.household.visits">
      <VisitTimeline householdId={household.id} />
    </Section>
  );
};

const Aspirations = () => (
  <RelatedSection
    title="app.household.aspirations"
    resource="Aspiration"
    values={(household) => ({ householdId: household.id })}
    label="app.action.add_aspiration"
  >
    <ReferenceManyField
      reference="Aspiration"
      target="householdId"
      sort={{ field: 'recordedDate', order: 'DESC' }}
      perPage={100}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="recordedDate" field={DayField} />
        <DataTable.Col source="content" cellSx={() => ({ minWidth: 220 })} />
        <DataTable.Col source="status">
          <EnumChipField
            source="status"
            enumName="AspirationStatus"
            testIdPrefix="aspiration-status-"
          />
        </DataTable.Col>
        <DataTable.Col source="authorityId" field={ForwardedToField} />
        <DataTable.Col source="response" field={ResponseField} />
        <DataTable.Col disableSort>
          <AspirationActions />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  </RelatedSection>
);

const Reviews = () => (
  <RelatedSection
    title="app.household.reviews"
    resource="PovertyReview"
    values={(household) => ({ householdId: household.id })}
    label="app.action.add_review"
  >
    <ReferenceManyField
      reference="PovertyReview"
      target="householdId"
      sort={{ field: 'year', order: 'DESC' }}
      perPage={100}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="year" />
        <DataTable.Col source="reviewDate" field={DayField} />
        <DataTable.Col source="result">
          <EnumChipField source="result" enumName="PovertyResult" />
        </DataTable.Col>
        <DataTable.Col source="standard" />
        <DataTable.Col source="notes" />
      </DataTable>
    </ReferenceManyField>
  </RelatedSection>
);

/** The legal basis of processing the household's data, and the consent's facts when it is consent. */
const LegalBasisField = (_props: { label?: string }) => {
  const household = useRecordContext();
  const translate = useTranslate();
  if (!household?.legalBasis) return null;
  const consent = household.legalBasis === 'CONSENT';
  return (
    <div data-testid="household-legal-basis">
      <Typography variant="body2">
        {translate(`enums.LegalBasis.${String(household.legalBasis)}`)}
      </Typography>
      {consent && (
        <Typography variant="body2" color="text.secondary">
          {translate('app.household.consent_summary', {
            date: formatDay(household.consentDate),
            method: household.consentMethod
              ? translate(`enums.ConsentMethod.${String(household.consentMethod)}`)
              : '—',
            notice: household.consentNoticeVersion ?? '—',
            evidence: household.consentEvidence ?? '—',
          })}
        </Typography>
      )}
    </div>
  );
};

/**
 * Everything about one household in one place: who they are, who helps them, what was seen on
 * each visit, what they asked for and where it stands, and whether they left poverty.
 */
export const HouseholdShow = () => (
  <Show actions={<HouseholdShowActions />}>
    <SimpleShowLayout>
      <TextField source="headName" />
      <ReferenceField source="villageId" reference="AdministrativeUnit" />
      <UnitFullName source="villageId" />
      <TextField source="address" />
      <ReferenceField source="organizationId" reference="Organization" emptyText="—" />
      <EnumChipsField source="currentCategories" enumName="HouseholdCategory" />
      <EnumChipsField source="needs" enumName="HouseholdNeed" />
      <PovertyOutcomeField label="app.household.outcome.title" />
      <ReferenceArrayField source="groupsIds" reference="SupportGroup">
        <SingleFieldList linkType="show" empty={<NoGroup />}>
          <ChipField source="name" size="small" />
        </SingleFieldList>
      </ReferenceArrayField>
      <TextField source="circumstances" sx={{ whiteSpace: 'pre-line' }} />
      <TextField source="notes" />
      <LegalBasisField label="resources.Household.fields.legalBasis" />
      <MomentField source="anonymisedAt" emptyText="—" />
      <MomentField source="updatedAt" />
      <Members />
      <CategoryPeriods />
      <Plans />
      <Visits />
      <Aspirations />
      <Reviews />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
