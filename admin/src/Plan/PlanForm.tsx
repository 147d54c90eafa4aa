import { TextInput } from 'react-admin';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const PlanForm = () => (
  <ResourceForm>
    <TextInput source="code" validate={requiredText(50)} />
    <TextInput source="title" multiline validate={requiredText(TEXT_LONG)} />
    <TextInput source="modelName" multiline validate={optionalText(TEXT_LONG)} />
    <ReferenceSelect source="issuerId" reference="Organization" />
    <DayInput source="issuedDate" />
  </ResourceForm>
);
