import { Chip, Stack, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

type Color = ChipProps['color'];

/** Colours of the statuses that have a meaning beyond their label. */
const COLORS: Record<string, Record<string, Color>> = {
  AspirationStatus: {
    RECORDED: 'warning',
    FORWARDED: 'info',
    ANSWERED: 'secondary',
    RESOLVED: 'success',
    DECLINED: 'default',
  },
  ReportStatus: { DRAFT: 'default', SUBMITTED: 'success' },
  HouseProjectStage: {
    SURVEYED: 'default',
    APPROVED: 'info',
    BUILDING: 'primary',
    HANDED_OVER: 'success',
  },
  SupportPlanStatus: {
    DRAFT: 'default',
    REGISTERED: 'info',
    IN_PROGRESS: 'primary',
    COMPLETED: 'success',
    CANCELLED: 'default',
  },
  HouseholdCategory: { POOR: 'error', NEAR_POOR: 'warning', POLICY_FAMILY: 'info' },
  DisbursementStatus: {
    PLANNED: 'info',
    PENDING_APPROVAL: 'warning',
    APPROVED: 'primary',
    REFUSED: 'error',
    POSTED: 'success',
  },
  PovertyResult: { POOR: 'error', NEAR_POOR: 'warning', NOT_POOR: 'success' },
  AuditOperation: { INSERT: 'success', UPDATE: 'info', DELETE: 'error' },
  AccessAction: { READ: 'default', EXPORT: 'warning', REVEAL: 'error' },
  Role: { ADMIN: 'secondary' },
};

/** One enum value as a chip with its translated label. */
export const EnumChip = ({
  enumName,
  value,
  ...props
}: { enumName: string; value: string } & Omit<ChipProps, 'label'>) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLORS[enumName]?.[value] ?? 'default'}
      label={translate(`enums.${enumName}.${value}`)}
      {...props}
    />
  );
};

interface EnumFieldProps {
  source: string;
  enumName: string;
  label?: string;
  /** Puts `data-testid="<prefix><record id>"` on the chip. */
  testIdPrefix?: string;
}

/** The record's enum value as a coloured chip. */
export const EnumChipField = ({ source, enumName, testIdPrefix }: EnumFieldProps) => {
  const record = useRecordContext();
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return (
    <EnumChip
      enumName={enumName}
      value={value}
      data-testid={testIdPrefix ? `${testIdPrefix}${record?.id}` : undefined}
    />
  );
};

/** A list of enum values (e.g. a household's needs) as chips. */
export const EnumChipsField = ({ source, enumName }: EnumFieldProps) => {
  const record = useRecordContext();
  const values = (record?.[source] as string[] | undefined) ?? [];
  if (values.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {values.map((value) => (
        <EnumChip key={value} enumName={enumName} value={value} variant="outlined" />
      ))}
    </Stack>
  );
};
