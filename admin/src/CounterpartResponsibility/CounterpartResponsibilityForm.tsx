import { NumberInput, TextInput, required } from 'react-admin';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, position, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const CounterpartResponsibilityForm = () => (
  <ResourceForm>
    <ReferenceSelect source="memorandumId" reference="Memorandum" isRequired />
    <NumberInput source="position" validate={[required(), ...position]} />
    <TextInput source="description" multiline validate={requiredText(TEXT_LONG)} />
    <ReferenceSelect source="responsibleOrganizationId" reference="Organization" />
  </ResourceForm>
);
