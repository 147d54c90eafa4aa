import {
  BooleanInput,
  NumberInput,
  SelectInput,
  TextInput,
  required,
  type Validator,
} from 'react-admin';
import { disbursementPurposeChoices } from '../common/choices';
import { DayInput, MoneyInput, ReferenceSelect, ReferencesInput } from '../common/inputs';
import { useSubmissionKey } from '../common/submissionKey';
import { TEXT_LONG, optionalText, requiredText, targetQuantity } from '../common/validators';
import { ResourceForm } from '../common/views';

/** The total is quantity × unit amount, unless it is marked as an estimate. */
const quantityTimesUnit: Validator = (value: unknown, values: Record<string, unknown>) => {
  const { quantity, unitAmount, isEstimate } = values ?? {};
  return typeof value === 'number' &&
    typeof quantity === 'number' &&
    typeof unitAmount === 'number' &&
    !isEstimate &&
    value !== quantity * unitAmount
    ? 'app.fund.quantity_times_unit'
    : undefined;
};

export const DisbursementForm = () => {
  // Creating: one key per form (on edit the record's own values come first).
  const idempotencyKey = useSubmissionKey();
  return (
    <ResourceForm defaultValues={{ quantity: 1, isEstimate: false, idempotencyKey }}>
      <ReferenceSelect source="fundId" reference="Fund" isRequired />
      <SelectInput source="purpose" choices={disbursementPurposeChoices} validate={required()} />
      <TextInput source="description" validate={requiredText(500)} />
      <TextInput source="eventName" validate={optionalText()} />
      <NumberInput source="quantity" validate={[required(), ...targetQuantity]} />
      <MoneyInput source="unitAmount" validate={required()} />
      <MoneyInput
        source="amount"
        validate={[required(), quantityTimesUnit]}
        helperText="app.fund.amount_help"
      />
      <BooleanInput source="isEstimate" />
      <DayInput source="plannedDate" />
      <ReferencesInput source="householdIds" reference="Household" />
      <ReferencesInput source="memberIds" reference="HouseholdMember" />
      <TextInput source="note" multiline validate={optionalText(TEXT_LONG)} />
    </ResourceForm>
  );
};
