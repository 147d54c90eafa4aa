import { NumberInput, SelectInput, TextInput, required } from 'react-admin';
import { povertyStandardKindChoices } from '../common/choices';
import { DayInput, MoneyInput } from '../common/inputs';
import { TEXT_LONG, notBefore, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const PovertyStandardForm = () => (
  <ResourceForm defaultValues={{ edition: 1 }}>
    <TextInput source="code" validate={requiredText(50)} />
    <NumberInput source="edition" min={1} />
    <TextInput source="name" validate={requiredText()} />
    <TextInput source="legalAct" validate={requiredText()} />
    <SelectInput source="kind" choices={povertyStandardKindChoices} validate={required()} />
    <DayInput source="validFrom" validate={required()} />
    <DayInput
      source="validTo"
      validate={notBefore('validFrom', 'app.validation.after_valid_from')}
    />
    <MoneyInput source="ruralIncomeLine" />
    <MoneyInput source="urbanIncomeLine" />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
