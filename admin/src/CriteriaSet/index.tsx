import RuleFolderIcon from '@mui/icons-material/RuleFolder';
import {
  DataTable,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  type RaRecord,
  type ResourceProps,
} from 'react-admin';
import { DayField, MomentField } from '../common/fields';
import { DayInput } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import {
  ResourceCreate,
  ResourceEdit,
  ResourceForm,
  ResourceList,
  Section,
  ShowActions,
} from '../common/views';

const CriteriaSetForm = () => (
  <ResourceForm>
    <TextInput source="code" validate={requiredText(50)} />
    <TextInput source="name" validate={requiredText(500)} />
    <TextInput source="legalAct" validate={requiredText()} />
    <DayInput source="issuedDate" />
    <DayInput source="validFrom" validate={required()} />
    <DayInput source="validTo" />
    <TextInput source="source" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);

const CriteriaSetList = () => (
  <ResourceList sort={{ field: 'validFrom', order: 'ASC' }}>
    <DataTable.Col source="code" />
    <DataTable.Col source="legalAct" />
    <DataTable.Col source="name" />
    <DataTable.Col source="validFrom" field={DayField} />
    <DataTable.Col source="validTo" field={DayField} />
  </ResourceList>
);

const CriteriaSetShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="legalAct" />
      <DayField source="issuedDate" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <TextField source="source" />
      <MomentField source="updatedAt" />
      <Section title="resources.Criterion.name">
        <ReferenceManyField
          reference="Criterion"
          target="criteriaSetId"
          sort={{ field: 'position', order: 'ASC' }}
          perPage={100}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="number" />
            <DataTable.Col source="name" />
            <DataTable.Col source="groupName" />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </SimpleShowLayout>
  </Show>
);

export default {
  name: 'CriteriaSet',
  list: CriteriaSetList,
  show: CriteriaSetShow,
  edit: () => (
    <ResourceEdit>
      <CriteriaSetForm />
    </ResourceEdit>
  ),
  create: () => (
    <ResourceCreate>
      <CriteriaSetForm />
    </ResourceCreate>
  ),
  icon: RuleFolderIcon,
  recordRepresentation: (record: RaRecord) => `${record.legalAct} (${record.code})`,
} satisfies ResourceProps;
