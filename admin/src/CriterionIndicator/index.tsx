import StraightenIcon from '@mui/icons-material/Straighten';
import {
  DataTable,
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
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import {
  ResourceCreate,
  ResourceEdit,
  ResourceForm,
  ResourceList,
  ShowActions,
} from '../common/views';

const CriterionIndicatorForm = () => (
  <ResourceForm>
    <ReferenceSelect source="criterionId" reference="Criterion" isRequired />
    <TextInput source="code" validate={requiredText(20)} />
    <TextInput source="content" multiline validate={requiredText(TEXT_LONG)} />
    <TextInput source="target" validate={optionalText()} />
  </ResourceForm>
);

const filters = [<ReferenceSelect key="criterionId" source="criterionId" reference="Criterion" />];

export default {
  name: 'CriterionIndicator',
  list: () => (
    <ResourceList filters={filters} sort={{ field: 'code', order: 'ASC' }}>
      <DataTable.Col source="criterionId">
        <ReferenceField source="criterionId" reference="Criterion" />
      </DataTable.Col>
      <DataTable.Col source="code" />
      <DataTable.Col source="content" />
      <DataTable.Col source="target" />
    </ResourceList>
  ),
  show: () => (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <ReferenceField source="criterionId" reference="Criterion" />
        <TextField source="code" />
        <TextField source="content" />
        <TextField source="target" />
        <MomentField source="updatedAt" />
      </SimpleShowLayout>
    </Show>
  ),
  edit: () => (
    <ResourceEdit>
      <CriterionIndicatorForm />
    </ResourceEdit>
  ),
  create: () => (
    <ResourceCreate>
      <CriterionIndicatorForm />
    </ResourceCreate>
  ),
  icon: StraightenIcon,
  recordRepresentation: (record: RaRecord) => `${record.code} ${record.content}`,
} satisfies ResourceProps;
