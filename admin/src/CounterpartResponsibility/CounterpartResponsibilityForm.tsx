import { NumberInput, SimpleForm, TextInput, required } from 'react-admin';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, position, requiredText } from '../common/validators';

export const CounterpartResponsibilityForm = () => (
  <SimpleForm>
    <ReferenceSelect source="memorandumId" reference="Memorandum" isRequired />
    <NumberInput source="position" validate={[required(), ...position]} />
    <TextInput source="description" multiline validate={requiredText(TEXT_LONG)} />
    <ReferenceSelect source="responsibleOrganizationId" reference="Organization" />
  </SimpleForm>
);
