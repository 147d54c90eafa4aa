import {
  BooleanInput,
  NumberInput,
  SelectInput,
  TextInput,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { relationChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { digits, requiredText, year, yearNotInFuture } from '../common/validators';
import { ResourceForm } from '../common/views';

const NUMERIC = { htmlInput: { inputMode: 'numeric' as const, autoComplete: 'off' } };
const compact = (text: string) => text.replace(/\s/g, '');

/** On create an empty ID is simply not given. */
const parseNewId = (text: string) => (compact(text) === '' ? null : compact(text));
/** On edit an empty ID is left out of the update, so the stored one is never cleared by accident. */
const parseReplacementId = (text: string) => (compact(text) === '' ? undefined : compact(text));

const citizenId = digits(12, 'app.validation.citizen_id');
const legacyIdNumber = digits(9, 'app.validation.legacy_id_number');

/**
 * Citizen IDs are write-only: the server shows them back masked. Editing offers to replace them;
 * the empty default keeps what is stored.
 */
const ReplaceIdInputs = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const stored = (masked: unknown) =>
    masked
      ? translate('app.household_member.stored_id', { masked })
      : translate('app.household_member.no_stored_id');
  return (
    <>
      <TextInput
        source="citizenId"
        label="app.household_member.replace_citizen_id"
        parse={parseReplacementId}
        validate={citizenId}
        helperText={stored(record?.citizenIdMasked)}
        slotProps={NUMERIC}
      />
      <TextInput
        source="legacyIdNumber"
        label="app.household_member.replace_legacy_id_number"
        parse={parseReplacementId}
        validate={legacyIdNumber}
        helperText={stored(record?.legacyIdNumberMasked)}
        slotProps={NUMERIC}
      />
    </>
  );
};

export const HouseholdMemberForm = ({ isCreate = false }: { isCreate?: boolean }) => (
  <ResourceForm defaultValues={isCreate ? { isPupil: false } : undefined}>
    <ReferenceSelect source="householdId" reference="Household" isRequired />
    <TextInput source="fullName" validate={requiredText()} />
    <SelectInput source="relation" choices={relationChoices} validate={required()} />
    <NumberInput source="birthYear" validate={[...year(1900), yearNotInFuture]} />
    <BooleanInput source="isPupil" />
    {isCreate ? (
      <>
        <TextInput
          source="citizenId"
          parse={parseNewId}
          validate={citizenId}
          helperText="app.household_member.write_only"
          slotProps={NUMERIC}
        />
        <TextInput
          source="legacyIdNumber"
          parse={parseNewId}
          validate={legacyIdNumber}
          slotProps={NUMERIC}
        />
      </>
    ) : (
      <ReplaceIdInputs />
    )}
  </ResourceForm>
);
