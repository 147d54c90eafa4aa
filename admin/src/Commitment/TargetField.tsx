import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** The quantity to reach with its unit (`1 nhà`), or else the criterion to reach. */
export const TargetField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext();
  if (!record) return null;
  const text =
    record.targetQuantity != null
      ? `${record.targetQuantity} ${record.targetUnit ?? ''}`.trim()
      : (record.targetCriterion ?? '');
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};
