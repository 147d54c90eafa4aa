import RuleIcon from '@mui/icons-material/Rule';
import {
  DataTable,
  NumberInput,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  type RaRecord,
  type ResourceProps,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { MomentField } from '../common/fields';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, position, requiredText } from '../common/validators';
import {
  ResourceCreate,
  ResourceEdit,
  ResourceForm,
  ResourceList,
  Section,
  ShowActions,
} from '../common/views';

const CriterionForm = () => (
  <ResourceForm>
    <ReferenceSelect source="criteriaSetId" reference="CriteriaSet" isRequired />
    <TextInput source="number" validate={requiredText(20)} />
    <TextInput source="name" validate={requiredText(500)} />
    <TextInput source="groupName" validate={optionalText()} />
    <NumberInput source="position" validate={position} />
    <ReferenceSelect source="predecessorId" reference="Criterion" />
    <TextInput source="note" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);

const filters = [
  <ReferenceSelect key="criteriaSetId" source="criteriaSetId" reference="CriteriaSet" alwaysOn />,
];

const CriterionList = () => (
  <ResourceList filters={filters} sort={{ field: 'position', order: 'ASC' }}>
    <DataTable.Col source="criteriaSetId">
      <ReferenceField source="criteriaSetId" reference="CriteriaSet" />
    </DataTable.Col>
    <DataTable.Col source="number" />
    <DataTable.Col source="name" />
    <DataTable.Col source="groupName" />
  </ResourceList>
);

const CriterionShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="criteriaSetId" reference="CriteriaSet" />
      <TextField source="number" />
      <TextField source="name" />
      <TextField source="groupName" />
      <ReferenceField source="predecessorId" reference="Criterion" />
      <TextField source="note" />
      <MomentField source="updatedAt" />
      <Section title="resources.CriterionIndicator.name">
        <ReferenceManyField
          reference="CriterionIndicator"
          target="criterionId"
          sort={{ field: 'code', order: 'ASC' }}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="code" />
            <DataTable.Col source="content" />
            <DataTable.Col source="target" />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </SimpleShowLayout>
  </Show>
);

export default {
  name: 'Criterion',
  list: CriterionList,
  show: CriterionShow,
  edit: () => (
    <ResourceEdit>
      <CriterionForm />
    </ResourceEdit>
  ),
  create: () => (
    <ResourceCreate>
      <CriterionForm />
    </ResourceCreate>
  ),
  icon: RuleIcon,
  recordRepresentation: (record: RaRecord) => `${record.number}. ${record.name}`,
} satisfies ResourceProps;
