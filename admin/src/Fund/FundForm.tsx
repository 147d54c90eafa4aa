import { TextInput } from 'react-admin';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const FundForm = () => (
  <ResourceForm>
    <TextInput source="name" validate={requiredText()} />
    <ReferenceSelect source="organizationId" reference="Organization" isRequired />
    <ReferenceSelect source="planId" reference="Plan" isRequired />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
