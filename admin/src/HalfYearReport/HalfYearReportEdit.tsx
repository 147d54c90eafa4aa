import { Alert } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { ResourceEdit } from '../common/views';
import { HalfYearReportForm } from './HalfYearReportForm';

/** A submitted report is locked: the form is offered again only once it is reopened. */
const FormUnlessSubmitted = () => {
  const report = useRecordContext();
  const translate = useTranslate();
  if (!report) return null;
  if (report.status === 'SUBMITTED') {
    return (
      <Alert severity="info" sx={{ m: 2 }}>
        {translate('app.report.locked')}
      </Alert>
    );
  }
  return <HalfYearReportForm />;
};

export const HalfYearReportEdit = () => (
  <ResourceEdit>
    <FormUnlessSubmitted />
  </ResourceEdit>
);
