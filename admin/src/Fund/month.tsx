import { TextField as MuiTextField, Typography } from '@mui/material';
import {
  TextInput,
  useRecordContext,
  useTranslate,
  type TextInputProps,
  type Validator,
} from 'react-admin';

/** The year the demo data is in: always offered in year selectors. */
export const FIRST_FUND_YEAR = 2014;

/** Every year from the program's start to now, latest first. */
export const fundYears = (): number[] => {
  const current = new Date().getFullYear();
  return Array.from({ length: current - FIRST_FUND_YEAR + 1 }, (_, i) => current - i);
};

/** `2014-06-01` → `06/2014`. */
export function formatMonth(value: unknown): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4})-(\d{2})/.exec(value);
  return match ? `${match[2]}/${match[1]}` : value;
}

/** `2014-06`, `2014-06-15`, `06/2014` or `6/2014` → `2014-06-01`; anything else is kept as typed. */
export function parseMonth(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const iso = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(value);
  if (iso) return `${iso[1]}-${iso[2].padStart(2, '0')}-01`;
  const local = /^(\d{1,2})\/(\d{4})$/.exec(value);
  if (local) return `${local[2]}-${local[1].padStart(2, '0')}-01`;
  return value;
}

/** What a month input shows: `2014-06-01` → `2014-06`. */
export const monthInputValue = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/^(\d{4}-\d{2})-\d{2}$/, '$1') : '';

export const validMonth: Validator = (value: unknown) =>
  value == null || (typeof value === 'string' && /^\d{4}-\d{2}-01$/.test(value))
    ? undefined
    : 'app.fund.month_format';

/** The month a record is for, as `06/2014`. */
export const MonthField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext();
  const value = record?.[source];
  if (!value) return null;
  return (
    <Typography component="span" variant="body2">
      {formatMonth(value)}
    </Typography>
  );
};

const asList = (validate?: Validator | Validator[]) =>
  validate === undefined ? [] : Array.isArray(validate) ? validate : [validate];

/**
 * A month typed as `06/2014`, stored as its first day `YYYY-MM-01` (not `<input type="month">`,
 * which shows the browser's language, e.g. `June 2014`).
 */
export const MonthInput = ({ validate, ...props }: TextInputProps) => (
  <TextInput
    format={formatMonth}
    parse={parseMonth}
    validate={[validMonth, ...asList(validate)]}
    slotProps={{ htmlInput: { placeholder: 'mm/yyyy', inputMode: 'numeric' } }}
    {...props}
  />
);

/** A year among those the fund has existed, as a select. */
export const YearSelect = ({
  value,
  onChange,
  testId,
}: {
  value: number;
  onChange: (year: number) => void;
  testId?: string;
}) => {
  const translate = useTranslate();
  return (
    <MuiTextField
      select
      size="small"
      label={translate('app.fund.year')}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId } }}
      sx={{ minWidth: 120 }}
    >
      {fundYears().map((year) => (
        <option key={year} value={year}>
          {year}
        </option>
      ))}
    </MuiTextField>
  );
};
