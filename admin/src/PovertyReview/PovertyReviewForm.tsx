import { NumberInput, SelectInput, TextInput, required } from 'react-admin';
import { povertyResultChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, year, yearNotInFuture } from '../common/validators';
import { ResourceForm } from '../common/views';
import { StandardInput } from './StandardInput';

export const PovertyReviewForm = ({
  defaultValues,
}: {
  defaultValues?: Record<string, unknown>;
}) => (
  <ResourceForm defaultValues={defaultValues}>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <NumberInput source="year" validate={[required(), ...year(1990), yearNotInFuture]} />
    <DayInput source="reviewDate" helperText="app.poverty_review.date_help" />
    <StandardInput />
    <SelectInput
      source="result"
      choices={povertyResultChoices}
      validate={required()}
      helperText="app.poverty_review.result_help"
    />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
