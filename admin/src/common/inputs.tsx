import {
  AutocompleteArrayInput,
  AutocompleteInput,
  TextInput,
  required,
  type SortPayload,
  type TextInputProps,
  type Validator,
} from 'react-admin';
import { ReferenceArrayInput, ReferenceInput } from './references';
import { formatDay, formatMoneyInput, parseDay, parseMoneyInput } from './formatters';
import { dateInRange, validDay, wholeMoney } from './validators';

const asList = (validate?: Validator | Validator[]) =>
  validate === undefined ? [] : Array.isArray(validate) ? validate : [validate];

/**
 * A calendar date typed as `29/11/2026` and sent as `2026-11-29`, within the years the server
 * accepts. Not `<input type="date">`: that shows the browser's language (`11/29/2026` in an
 * English Chromium), and officers copy dates from Vietnamese documents.
 */
export const DayInput = ({ validate, ...props }: TextInputProps) => (
  <TextInput
    format={formatDay}
    parse={parseDay}
    validate={[validDay, dateInRange, ...asList(validate)]}
    slotProps={{ htmlInput: { placeholder: 'dd/mm/yyyy', inputMode: 'numeric' } }}
    {...props}
  />
);

/** Whole đồng: accepts `1500000` and `1.500.000` alike, shows `1.500.000`. */
export const MoneyInput = ({ validate, ...props }: TextInputProps) => (
  <TextInput
    format={formatMoneyInput}
    parse={parseMoneyInput}
    validate={[wholeMoney, ...asList(validate)]}
    slotProps={{ htmlInput: { inputMode: 'numeric' } }}
    {...props}
  />
);

/** Choices listed in the order people look for them (by default react-admin sorts by id). */
const CHOICE_ORDER: Record<string, SortPayload> = {
  AdministrativeUnit: { field: 'name', order: 'ASC' },
  Organization: { field: 'name', order: 'ASC' },
  Plan: { field: 'code', order: 'ASC' },
  Partnership: { field: 'name', order: 'ASC' },
  Memorandum: { field: 'signedDate', order: 'DESC' },
  Commitment: { field: 'position', order: 'ASC' },
  StaffMember: { field: 'fullName', order: 'ASC' },
  SupportGroup: { field: 'name', order: 'ASC' },
  Household: { field: 'headName', order: 'ASC' },
  SupportPlan: { field: 'title', order: 'ASC' },
  Visit: { field: 'visitDate', order: 'DESC' },
  HalfYearReport: { field: 'year', order: 'DESC' },
  Fund: { field: 'name', order: 'ASC' },
};

interface ReferenceSelectProps {
  source: string;
  reference: string;
  isRequired?: boolean;
  filter?: Record<string, unknown>;
  alwaysOn?: boolean;
  validate?: Validator | Validator[];
  helperText?: string | false;
  disabled?: boolean;
}

/** One referenced record, searched by name on the server. */
export const ReferenceSelect = ({
  isRequired,
  alwaysOn: _alwaysOn,
  validate,
  helperText,
  disabled,
  ...props
}: ReferenceSelectProps) => (
  <ReferenceInput sort={CHOICE_ORDER[props.reference]} {...props}>
    <AutocompleteInput
      validate={[...(isRequired ? [required()] : []), ...asList(validate)]}
      helperText={helperText}
      disabled={disabled}
    />
  </ReferenceInput>
);

/** Several records of `reference`, searched by name on the server. */
export const ReferencesInput = ({
  source,
  reference,
  isRequired,
  filter,
  validate,
  helperText,
}: {
  source: string;
  reference: string;
  isRequired?: boolean;
  filter?: Record<string, unknown>;
  validate?: Validator | Validator[];
  helperText?: string | false;
}) => (
  <ReferenceArrayInput
    source={source}
    reference={reference}
    sort={CHOICE_ORDER[reference]}
    filter={filter}
    perPage={100}
  >
    <AutocompleteArrayInput
      validate={[...(isRequired ? [required()] : []), ...asList(validate)]}
      helperText={helperText}
    />
  </ReferenceArrayInput>
);

/** Several organizations, searched by name on the server. */
export const OrganizationsInput = ({
  source,
  isRequired,
}: {
  source: string;
  isRequired?: boolean;
}) => (
  <ReferenceArrayInput source={source} reference="Organization" sort={CHOICE_ORDER.Organization}>
    <AutocompleteArrayInput validate={isRequired ? required() : undefined} />
  </ReferenceArrayInput>
);
