import { Alert } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { ResourceEdit } from '../common/views';
import { DisbursementForm } from './DisbursementForm';

/**
 * Changed until posted; a posted one is corrected by a reversal. Changing the amount, fund or
 * purpose of one submitted or decided sends it back to planned: the approval is voided.
 */
const EditWhilePlanned = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'POSTED')
    return (
      <Alert severity="warning" sx={{ m: 2 }}>
        {translate('app.fund.posted_locked')}
      </Alert>
    );
  return (
    <>
      {record.status !== 'PLANNED' && (
        <Alert severity="info" sx={{ m: 2, mb: 0 }}>
          {translate('app.approval.edit_voids')}
        </Alert>
      )}
      <DisbursementForm />
    </>
  );
};

export const DisbursementEdit = () => (
  <ResourceEdit>
    <EditWhilePlanned />
  </ResourceEdit>
);
