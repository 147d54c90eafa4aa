import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import {
  BooleanField,
  BooleanInput,
  DataTable,
  NumberInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  type RaRecord,
  type ResourceProps,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MomentField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, year, yearNotInFuture } from '../common/validators';
import {
  ResourceCreate,
  ResourceEdit,
  ResourceForm,
  ResourceList,
  ShowActions,
} from '../common/views';
import { translate } from '../i18n';

const CriterionAssessmentForm = () => (
  <ResourceForm>
    <ReferenceSelect
      source="communeId"
      reference="AdministrativeUnit"
      filter={{ level: 'COMMUNE' }}
      isRequired
    />
    <ReferenceSelect source="criterionId" reference="Criterion" isRequired />
    <NumberInput source="year" validate={[required(), ...year(2000), yearNotInFuture]} />
    <BooleanInput source="met" defaultValue={false} />
    <TextInput source="evidence" multiline validate={optionalText(TEXT_LONG)} />
    <DayInput source="assessedOn" validate={[required(), notInFuture]} />
  </ResourceForm>
);

const filters = [
  <ReferenceSelect
    key="communeId"
    source="communeId"
    reference="AdministrativeUnit"
    filter={{ level: 'COMMUNE' }}
  />,
  <ReferenceSelect key="criterionId" source="criterionId" reference="Criterion" />,
  <BooleanInput key="met" source="met" />,
  <NumberInput key="year_gte" source="year_gte" />,
  <NumberInput key="year_lte" source="year_lte" />,
];

export const CriterionAssessmentShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="communeId" reference="AdministrativeUnit" />
      <ReferenceField source="criterionId" reference="Criterion" />
      <ReferenceField
        source="criterionId"
        reference="Criterion"
        label="resources.CriteriaSet.name"
        link={false}
      >
        <ReferenceField source="criteriaSetId" reference="CriteriaSet" />
      </ReferenceField>
      <TextField source="year" />
      <BooleanField source="met" />
      <TextField source="evidence" />
      <DayField source="assessedOn" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);

export default {
  name: 'CriterionAssessment',
  list: () => (
    <ResourceList filters={filters} sort={{ field: 'year', order: 'DESC' }}>
      <DataTable.Col source="year" />
      <DataTable.Col source="communeId">
        <ReferenceField source="communeId" reference="AdministrativeUnit" />
      </DataTable.Col>
      <DataTable.Col source="criterionId">
        <ReferenceField source="criterionId" reference="Criterion" />
      </DataTable.Col>
      <DataTable.Col source="met" field={BooleanField} />
      <DataTable.Col source="assessedOn" field={DayField} />
    </ResourceList>
  ),
  show: CriterionAssessmentShow,
  edit: () => (
    <ResourceEdit>
      <CriterionAssessmentForm />
    </ResourceEdit>
  ),
  create: () => (
    <ResourceCreate>
      <CriterionAssessmentForm />
    </ResourceCreate>
  ),
  icon: AssignmentTurnedInIcon,
  recordRepresentation: (record: RaRecord) =>
    `${record.year}: ${translate(record.met ? 'enums.CriterionYearStatus.MET' : 'enums.CriterionYearStatus.NOT_MET')}`,
} satisfies ResourceProps;
