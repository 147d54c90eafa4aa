import { useState } from 'react';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  minLength,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { formatMoney } from '../common/formatters';
import { optionalText, requiredText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';

/** The server's messages for a failed call, per field, for the dialog's form. */
const fieldErrors = (error: unknown) =>
  ((error as HttpError).body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};

/** "Gửi duyệt": shown only when the server says the user may submit it (canSubmit). */
export const SubmitForApprovalButton = () => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record?.myActions?.canSubmit) return null;
  const submit = async () => {
    setBusy(true);
    try {
      await dataProvider.submitDisbursement(record.id);
      notify('app.approval.submitted', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      label="app.approval.submit"
      data-testid="submit-disbursement"
      disabled={busy}
      onClick={() => void submit()}
    >
      <HowToRegIcon />
    </Button>
  );
};

/**
 * "Duyệt" and "Từ chối": shown only when the server says the user may decide (canDecide: an
 * administrator or an officer of the fund's agency who did not make it). A refusal asks why; an
 * approval may say why.
 */
export const DecisionButtons = ({ onDone }: { onDone?: () => void }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<'approve' | 'refuse' | null>(null);
  if (!record?.myActions?.canDecide) return null;
  const close = () => setOpen(null);
  const decide = async ({ reason }: Record<string, unknown>) => {
    const approve = open === 'approve';
    try {
      await dataProvider.decideDisbursement(
        record.id,
        approve,
        typeof reason === 'string' ? reason : undefined,
      );
      notify(approve ? 'app.approval.approved' : 'app.approval.refused', { type: 'success' });
      close();
      refresh();
      onDone?.();
      return undefined;
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
      return fieldErrors(error);
    }
  };
  return (
    <>
      <Button
        label="app.approval.approve"
        data-testid="approve-disbursement"
        color="success"
        onClick={(event) => {
          event.stopPropagation();
          setOpen('approve');
        }}
      >
        <CheckIcon />
      </Button>
      <Button
        label="app.approval.refuse"
        data-testid="refuse-disbursement"
        color="error"
        onClick={(event) => {
          event.stopPropagation();
          setOpen('refuse');
        }}
      >
        <CloseIcon />
      </Button>
      <Dialog
        open={open !== null}
        onClose={close}
        onClick={(event) => event.stopPropagation()}
        fullWidth
        maxWidth="sm"
        aria-labelledby="decision-title"
      >
        <Form record={{ reason: '' }} onSubmit={decide}>
          <DialogTitle id="decision-title">
            {translate(
              open === 'refuse' ? 'app.approval.refuse_title' : 'app.approval.approve_title',
            )}
          </DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {record.description as string} — {formatMoney(record.amount as number)}
            </Typography>
            <TextInput
              source="reason"
              label={
                open === 'refuse' ? 'app.approval.refuse_reason' : 'app.approval.approve_reason'
              }
              multiline
              validate={
                open === 'refuse' ? [...requiredText(2000), minLength(5)] : optionalText(2000)
              }
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton
              label={open === 'refuse' ? 'app.approval.refuse' : 'app.approval.approve'}
              alwaysEnable
              icon={open === 'refuse' ? <CloseIcon /> : <CheckIcon />}
            />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
