import { useWatch } from 'react-hook-form';
import {
  NumberInput,
  SelectInput,
  TextInput,
  maxValue,
  minValue,
  number,
  required,
} from 'react-admin';
import { houseFundingSourceChoices, type HouseFundingSource } from '../common/choices';
import { MoneyInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

/** A budget line: what each source needs (its disbursement, donation, programme or workdays). */
export const HouseProjectFundingForm = () => {
  const source = useWatch({ name: 'source' }) as HouseFundingSource | undefined;
  return (
    <>
      <ReferenceSelect source="projectId" reference="HouseProject" isRequired />
      <SelectInput source="source" choices={houseFundingSourceChoices} validate={required()} />
      {source === 'AGENCY_FUND' && (
        <ReferenceSelect source="disbursementId" reference="Disbursement" isRequired />
      )}
      {source === 'DONATION' && (
        <ReferenceSelect source="donationId" reference="Donation" isRequired />
      )}
      {source === 'STATE_PROGRAMME' && (
        <TextInput source="programmeName" validate={requiredText(500)} />
      )}
      {source === 'WORKDAYS' && (
        <NumberInput
          source="workdays"
          validate={[required(), number(), minValue(1), maxValue(100_000)]}
        />
      )}
      <MoneyInput
        source="amount"
        validate={source === 'WORKDAYS' ? undefined : required()}
        helperText={source === 'WORKDAYS' ? 'app.house.workdays_value_help' : undefined}
      />
      <TextInput source="note" multiline validate={optionalText(TEXT_LONG)} />
    </>
  );
};

export const HouseProjectFundingFormLayout = () => (
  <ResourceForm>
    <HouseProjectFundingForm />
  </ResourceForm>
);
