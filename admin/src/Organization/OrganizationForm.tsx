import { SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { administrativeLevelChoices, organizationKindChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { optionalText, requiredText } from '../common/validators';

export const OrganizationForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={requiredText()} />
    <TextInput source="shortName" validate={optionalText(100)} />
    <SelectInput source="kind" choices={organizationKindChoices} validate={required()} />
    <SelectInput source="level" choices={administrativeLevelChoices} />
    <ReferenceSelect source="administrativeUnitId" reference="AdministrativeUnit" />
  </SimpleForm>
);
