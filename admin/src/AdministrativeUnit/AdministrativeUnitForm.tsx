import { SelectInput, TextInput, required } from 'react-admin';
import { administrativeLevelChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const AdministrativeUnitForm = () => (
  <ResourceForm>
    <TextInput source="name" validate={requiredText()} />
    <TextInput source="code" validate={optionalText(20)} />
    <SelectInput source="level" choices={administrativeLevelChoices} validate={required()} />
    <ReferenceSelect source="parentId" reference="AdministrativeUnit" />
    <DayInput source="validFrom" />
    <DayInput source="validTo" />
  </ResourceForm>
);
