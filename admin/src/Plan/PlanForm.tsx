import { SimpleForm, TextInput } from 'react-admin';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';

export const PlanForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={requiredText(50)} />
    <TextInput source="title" multiline validate={requiredText(TEXT_LONG)} />
    <TextInput source="modelName" multiline validate={optionalText(TEXT_LONG)} />
    <ReferenceSelect source="issuerId" reference="Organization" />
    <DayInput source="issuedDate" />
  </SimpleForm>
);
