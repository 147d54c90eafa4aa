import { BooleanInput, TextInput } from 'react-admin';
import { ReferenceSelect } from '../common/inputs';
import { optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const StaffMemberForm = () => (
  <ResourceForm defaultValues={{ active: true, partyMember: false }}>
    <TextInput source="fullName" validate={requiredText()} />
    <ReferenceSelect source="organizationId" reference="Organization" isRequired />
    <TextInput source="position" validate={optionalText()} />
    <BooleanInput source="partyMember" />
    <BooleanInput source="active" />
  </ResourceForm>
);
