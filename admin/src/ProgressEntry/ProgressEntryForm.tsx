import { BooleanInput, NumberInput, TextInput, required } from 'react-admin';
import { todayIso } from '../common/formatters';
import { DayInput, MoneyInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, quantity, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const ProgressEntryForm = () => (
  <ResourceForm defaultValues={{ entryDate: todayIso() }}>
    <ReferenceSelect source="commitmentId" reference="Commitment" isRequired />
    <DayInput source="entryDate" validate={[required(), notInFuture]} />
    <TextInput source="description" multiline validate={requiredText(TEXT_LONG)} />
    <NumberInput source="quantity" validate={quantity} />
    <MoneyInput source="cost" />
    <TextInput source="evidence" multiline validate={optionalText(TEXT_LONG)} />
    <BooleanInput source="completes" />
  </ResourceForm>
);
