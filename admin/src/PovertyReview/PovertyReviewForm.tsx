import { NumberInput, SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { povertyResultChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText, year, yearNotInFuture } from '../common/validators';

export const PovertyReviewForm = ({
  defaultValues,
}: {
  defaultValues?: Record<string, unknown>;
}) => (
  <SimpleForm defaultValues={defaultValues}>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <NumberInput source="year" validate={[required(), ...year(1990), yearNotInFuture]} />
    <TextInput source="standard" validate={requiredText(500)} />
    <SelectInput source="result" choices={povertyResultChoices} validate={required()} />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </SimpleForm>
);
