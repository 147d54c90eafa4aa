import { NumberInput, SelectInput, TextInput, required } from 'react-admin';
import { povertyResultChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText, year, yearNotInFuture } from '../common/validators';
import { ResourceForm } from '../common/views';

export const PovertyReviewForm = ({
  defaultValues,
}: {
  defaultValues?: Record<string, unknown>;
}) => (
  <ResourceForm defaultValues={defaultValues}>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <NumberInput source="year" validate={[required(), ...year(1990), yearNotInFuture]} />
    <TextInput source="standard" validate={requiredText(500)} />
    <SelectInput source="result" choices={povertyResultChoices} validate={required()} />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
