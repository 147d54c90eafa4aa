import { SelectInput, TextInput, required } from 'react-admin';
import { administrativeLevelChoices, organizationKindChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const OrganizationForm = () => (
  <ResourceForm>
    <TextInput source="name" validate={requiredText()} />
    <TextInput source="shortName" validate={optionalText(100)} />
    <SelectInput source="kind" choices={organizationKindChoices} validate={required()} />
    <SelectInput source="level" choices={administrativeLevelChoices} />
    <ReferenceSelect source="administrativeUnitId" reference="AdministrativeUnit" />
  </ResourceForm>
);
