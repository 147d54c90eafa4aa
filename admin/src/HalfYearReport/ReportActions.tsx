import { useState } from 'react';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import SendIcon from '@mui/icons-material/Send';
import SyncIcon from '@mui/icons-material/Sync';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  Button,
  Confirm,
  DeleteButton,
  EditButton,
  Form,
  SaveButton,
  TextInput,
  TopToolbar,
  minLength,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
  useCanAccess,
} from 'react-admin';
import { halfYearOf } from '../common/representations';
import { requiredText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';

const REASON_RULES = [...requiredText(2000), minLength(5, 'app.validation.reopen_reason')];

/** Runs one report action, then reloads what is on screen and says how it went. */
const useReportAction = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const run = async (
    action: (provider: AppDataProvider) => Promise<unknown>,
    successMessage: string,
  ) => {
    setBusy(true);
    try {
      await action(dataProvider);
      notify(successMessage, { type: 'success' });
      refresh();
      return undefined;
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError.message, { type: 'error' });
      refresh();
      const { root: _root, ...fieldErrors } =
        (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      return fieldErrors;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
};

const RefreshFiguresButton = () => {
  const report = useRecordContext();
  const { run, busy } = useReportAction();
  if (!report || report.status !== 'DRAFT') return null;
  return (
    <Button
      label="app.action.refresh_report"
      data-testid="refresh-report"
      disabled={busy}
      onClick={() =>
        void run((provider) => provider.refreshHalfYearReport(report.id), 'app.report.refreshed')
      }
    >
      <SyncIcon />
    </Button>
  );
};

const SubmitReportButton = () => {
  const report = useRecordContext();
  const { run, busy } = useReportAction();
  const [open, setOpen] = useState(false);
  if (!report || report.status !== 'DRAFT') return null;
  return (
    <>
      <Button
        label="app.action.submit_report"
        data-testid="submit-report"
        disabled={busy}
        onClick={() => setOpen(true)}
      >
        <SendIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="app.report.submit_title"
        titleTranslateOptions={{ period: halfYearOf(report) }}
        content="app.report.submit_content"
        onConfirm={() => {
          setOpen(false);
          void run(
            (provider) => provider.submitHalfYearReport(report.id, report.version as number),
            'app.report.submitted',
          );
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

const ReopenReportButton = () => {
  const report = useRecordContext();
  const translate = useTranslate();
  const { run, busy } = useReportAction();
  const [open, setOpen] = useState(false);
  if (!report || report.status !== 'SUBMITTED') return null;
  const close = () => setOpen(false);
  const reopen = async ({ reason }: Record<string, unknown>) => {
    const errors = await run(
      (provider) =>
        provider.reopenHalfYearReport(report.id, typeof reason === 'string' ? reason : ''),
      'app.report.reopened',
    );
    if (!errors) close();
    return errors;
  };
  return (
    <>
      <Button
        label="app.action.reopen_report"
        data-testid="reopen-report"
        disabled={busy}
        onClick={() => setOpen(true)}
      >
        <LockOpenIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="reopen-title">
        <Form record={{ reason: '' }} onSubmit={reopen}>
          <DialogTitle id="reopen-title">{translate('app.report.reopen_title')}</DialogTitle>
          <DialogContent>
            <TextInput
              source="reason"
              label="app.report.reason"
              multiline
              minRows={3}
              validate={REASON_RULES}
              sx={{ mt: 1 }}
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="ra.action.confirm" alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};

/** Drafts can be refreshed, submitted, edited and deleted; a submitted report only reopened. */
export const ReportActions = () => {
  const report = useRecordContext();
  const draft = report?.status === 'DRAFT';
  const { canAccess } = useCanAccess({
    action: 'edit',
    resource: 'HalfYearReport',
    record: report,
  });
  return (
    <TopToolbar>
      {canAccess && <RefreshFiguresButton />}
      {canAccess && <SubmitReportButton />}
      {canAccess && <ReopenReportButton />}
      {draft && <EditButton />}
      {draft && <DeleteButton mutationMode="pessimistic" />}
    </TopToolbar>
  );
};
