import {
  DataTable,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { StepsDoneField } from './StepsDoneField';
import { RecordHistory } from '../AuditEntry/RecordHistory';

const Steps = () => {
  const plan = useRecordContext();
  if (!plan) return null;
  const next = (Array.isArray(plan.steps) ? plan.steps.length : 0) + 1;
  return (
    <Section title="resources.SupportPlan.fields.steps">
      <CreateRelatedButton
        resource="SupportPlanStep"
        values={{ supportPlanId: plan.id, position: next }}
        label="app.action.add_step"
      />
      <ReferenceManyField
        reference="SupportPlanStep"
        target="supportPlanId"
        sort={{ field: 'position', order: 'ASC' }}
        perPage={100}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.NumberCol source="position" locales="vi-VN" />
          <DataTable.Col source="description" />
          <DataTable.Col source="plannedDate" field={DayField} />
          <DataTable.Col source="doneDate" field={DayField} />
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

export const SupportPlanShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <ReferenceField source="householdId" reference="Household" />
      <ReferenceField source="groupId" reference="SupportGroup" />
      <EnumChipField source="status" enumName="SupportPlanStatus" />
      <DayField source="registeredDate" />
      <TextField source="measures" />
      <TextField source="goals" />
      <StepsDoneField source="stepsDone" />
      <MomentField source="updatedAt" />
      <Steps />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
