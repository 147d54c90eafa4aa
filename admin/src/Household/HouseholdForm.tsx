import { CheckboxGroupInput, SimpleForm, TextInput } from 'react-admin';
import { householdNeedChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';

export const HouseholdForm = () => (
  <SimpleForm>
    <TextInput source="headName" validate={requiredText()} />
    <ReferenceSelect
      source="villageId"
      reference="AdministrativeUnit"
      filter={{ level: 'VILLAGE' }}
      isRequired
    />
    <TextInput source="address" validate={optionalText(500)} />
    <TextInput source="circumstances" multiline validate={optionalText(TEXT_LONG)} />
    <CheckboxGroupInput source="needs" choices={householdNeedChoices} />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </SimpleForm>
);
