import { Alert } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { ResourceEdit } from '../common/views';
import { DisbursementForm } from './DisbursementForm';

/** Only a planned disbursement can be changed; a posted one is corrected by a reversal. */
const EditWhilePlanned = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status !== 'PLANNED')
    return (
      <Alert severity="warning" sx={{ m: 2 }}>
        {translate('app.fund.posted_locked')}
      </Alert>
    );
  return <DisbursementForm />;
};

export const DisbursementEdit = () => (
  <ResourceEdit>
    <EditWhilePlanned />
  </ResourceEdit>
);
