import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** "Đã đảo" on a reversed entry, "Bút toán đảo" on the reversal itself. */
export const ReversedField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  if (record.reversesId)
    return (
      <Chip
        size="small"
        color="warning"
        variant="outlined"
        label={translate('app.fund.reversal')}
        data-testid={`reversal-${record.id}`}
      />
    );
  if (record.reversed)
    return (
      <Chip
        size="small"
        color="default"
        label={translate('app.fund.reversed_marker')}
        data-testid={`reversed-${record.id}`}
      />
    );
  return null;
};
