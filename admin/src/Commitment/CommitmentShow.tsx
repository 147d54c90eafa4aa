import {
  BooleanField,
  DataTable,
  NumberField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useCreatePath,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import { commitmentAreaChoices } from '../common/choices';
import { DayField, MomentField, MoneyCol, StatusField } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { AddProgressButton } from '../ProgressEntry/AddProgressButton';
import { TargetField } from './TargetField';

const ProgressEntries = () => {
  const commitment = useRecordContext();
  const createPath = useCreatePath();
  if (!commitment) return null;
  return (
    <Section title="app.commitment.progress_entries">
      <AddProgressButton
        returnTo={createPath({ resource: 'Commitment', id: commitment.id, type: 'show' })}
      />
      <ReferenceManyField
        reference="ProgressEntry"
        target="commitmentId"
        sort={{ field: 'entryDate', order: 'DESC' }}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="entryDate" field={DayField} />
          <DataTable.Col source="description" />
          <DataTable.NumberCol source="quantity" locales="vi-VN" />
          <MoneyCol source="cost" />
          <DataTable.Col source="completes" field={BooleanField} />
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

export const CommitmentShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="memorandumId" reference="Memorandum" />
      <SelectField source="area" choices={commitmentAreaChoices} />
      <TextField source="title" />
      <TextField source="description" />
      <TargetField source="targetQuantity" />
      <ReferenceArrayField source="criterionIds" reference="Criterion" />
      <NumberField source="achievedQuantity" />
      <StatusField source="status" />
      <DayField source="dueDate" />
      <DayField source="lastProgressDate" />
      <ReferenceField source="responsibleOrganizationId" reference="Organization" />
      <MomentField source="updatedAt" />
      <ProgressEntries />
    </SimpleShowLayout>
  </Show>
);
