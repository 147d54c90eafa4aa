import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ProgressStatus } from './choices';

const COLORS: Record<ProgressStatus, ChipProps['color']> = {
  NOT_STARTED: 'default',
  IN_PROGRESS: 'info',
  COMPLETED: 'success',
  OVERDUE: 'error',
};

export const ProgressStatusChip = ({
  status,
  ...props
}: { status: ProgressStatus } & Omit<ChipProps, 'label' | 'color'>) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLORS[status]}
      label={translate(`enums.ProgressStatus.${status}`)}
      {...props}
    />
  );
};
