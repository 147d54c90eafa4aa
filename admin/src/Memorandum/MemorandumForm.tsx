import { TextInput } from 'react-admin';
import { DayInput, OrganizationsInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const MemorandumForm = () => (
  <ResourceForm>
    <TextInput source="title" validate={requiredText(500)} />
    <ReferenceSelect source="partnershipId" reference="Partnership" isRequired />
    <DayInput source="signedDate" />
    <OrganizationsInput source="partyIds" isRequired />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
