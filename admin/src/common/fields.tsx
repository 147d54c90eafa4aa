import { Typography } from '@mui/material';
import {
  ChipField,
  DataTable,
  DateField,
  NumberField,
  SingleFieldList,
  useRecordContext,
  useTranslate,
  type DataTableNumberColumnProps,
  type DateFieldProps,
  type NumberFieldProps,
  type ReferenceArrayFieldProps,
} from 'react-admin';
import { ReferenceArrayField } from './references';
import { ProgressStatusChip } from './ProgressStatusChip';
import type { ProgressStatus } from './choices';

const DAY = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } as const;
const DAY_TIME = {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
} as const;
const VND = { style: 'currency', currency: 'VND', maximumFractionDigits: 0 } as const;

/** A calendar date as `22/04/2014`, in every locale. */
export const DayField = (props: DateFieldProps) => (
  <DateField locales="vi-VN" options={DAY} {...props} />
);

/** A moment, e.g. a record's creation, as `22/04/2014 08:30` in the browser's time zone. */
export const MomentField = (props: DateFieldProps) => (
  <DateField locales="vi-VN" options={DAY_TIME} showTime {...props} />
);

/** Whole đồng as `1.500.000 ₫`. */
export const MoneyField = (props: NumberFieldProps) => (
  <NumberField locales="vi-VN" options={VND} {...props} />
);

/**
 * A money column: `1.500.000 ₫`, right-aligned. (`DataTable.NumberCol` renders its own
 * NumberField and ignores `field`, so the format has to travel as its `options`.)
 */
export const MoneyCol = (props: DataTableNumberColumnProps) => (
  <DataTable.NumberCol locales="vi-VN" options={VND} {...props} />
);

/** Organizations referenced by an id list, as chips linking to each one. */
export const OrganizationChips = (props: Omit<ReferenceArrayFieldProps, 'reference'>) => (
  <ReferenceArrayField reference="Organization" nameField="name" {...props}>
    <SingleFieldList linkType="show">
      <ChipField source="name" size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);

/** The record's computed progress status as a coloured chip. */
export const StatusField = ({ source = 'status' }: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const status = record?.[source] as ProgressStatus | undefined;
  return status ? <ProgressStatusChip status={status} /> : null;
};

/** Staff referenced by an id list, as chips linking to each person. */
export const StaffChips = (props: Omit<ReferenceArrayFieldProps, 'reference'>) => (
  <ReferenceArrayField reference="StaffMember" nameField="fullName" {...props}>
    <SingleFieldList linkType="show">
      <ChipField source="fullName" size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);

/** A report's period: `6 tháng đầu năm 2014`. */
export const HalfYearField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {translate('app.half_year', {
        half: translate(`enums.Half.${record.half}`),
        year: record.year,
      })}
    </Typography>
  );
};
