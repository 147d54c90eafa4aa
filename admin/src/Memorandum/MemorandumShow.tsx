import {
  DataTable,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { TargetField } from '../Commitment/TargetField';
import { commitmentAreaChoices } from '../common/choices';
import { DayField, OrganizationChips, StatusField } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { AddProgressButton } from '../ProgressEntry/AddProgressButton';
import { AreaProgressTable } from './AreaProgressTable';

const Progress = () => <AreaProgressTable memorandumId={useRecordContext()?.id} />;

const Commitments = () => {
  const memorandum = useRecordContext();
  const createPath = useCreatePath();
  if (!memorandum) return null;
  const returnTo = createPath({ resource: 'Memorandum', id: memorandum.id, type: 'show' });
  return (
    <ReferenceManyField
      reference="Commitment"
      target="memorandumId"
      sort={{ field: 'position', order: 'ASC' }}
      perPage={100}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="area">
          <SelectField source="area" choices={commitmentAreaChoices} />
        </DataTable.Col>
        <DataTable.Col source="title" />
        <DataTable.Col source="targetQuantity" field={TargetField} />
        <DataTable.NumberCol source="achievedQuantity" locales="vi-VN" disableSort />
        <DataTable.Col source="status" field={StatusField} disableSort />
        <DataTable.Col source="dueDate" field={DayField} />
        <DataTable.Col disableSort>
          <AddProgressButton returnTo={returnTo} />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
};

const Responsibilities = () => (
  <ReferenceManyField
    reference="CounterpartResponsibility"
    target="memorandumId"
    sort={{ field: 'position', order: 'ASC' }}
    perPage={100}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.NumberCol source="position" locales="vi-VN" />
      <DataTable.Col source="description" />
      <DataTable.Col source="responsibleOrganizationId">
        <ReferenceField source="responsibleOrganizationId" reference="Organization" />
      </DataTable.Col>
    </DataTable>
  </ReferenceManyField>
);

export const MemorandumShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <ReferenceField source="partnershipId" reference="Partnership" />
      <DayField source="signedDate" />
      <TextField source="notes" />
      <OrganizationChips source="partyIds" />
      <Section title="app.progress.title">
        <Progress />
      </Section>
      <Section title="app.memorandum.commitments">
        <Commitments />
      </Section>
      <Section title="app.memorandum.responsibilities">
        <Responsibilities />
      </Section>
    </SimpleShowLayout>
  </Show>
);
