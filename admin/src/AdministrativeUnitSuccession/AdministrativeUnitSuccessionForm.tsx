import { SelectInput, TextInput, required } from 'react-admin';
import { successionKindChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/** Records what a closed unit became; the server checks the dates, levels and history. */
export const AdministrativeUnitSuccessionForm = () => (
  <ResourceForm>
    <ReferenceSelect source="predecessorId" reference="AdministrativeUnit" isRequired />
    <SelectInput source="kind" choices={successionKindChoices} validate={required()} />
    <ReferenceSelect source="successorId" reference="AdministrativeUnit" isRequired />
    <DayInput source="effectiveDate" validate={required()} />
    <TextInput source="legalAct" validate={requiredText(500)} fullWidth />
    <TextInput source="note" validate={optionalText(5000)} multiline fullWidth />
  </ResourceForm>
);
