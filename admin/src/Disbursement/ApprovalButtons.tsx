import { useState } from 'react';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { Typography } from '@mui/material';
import {
  Button,
  TextInput,
  minLength,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { ActionDialog } from '../common/ActionDialog';
import { formatMoney } from '../common/formatters';
import { optionalText, requiredText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';

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
  const [open, setOpen] = useState<'approve' | 'refuse' | null>(null);
  if (!record?.myActions?.canDecide) return null;
  const refuse = open === 'refuse';
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
      <ActionDialog
        open={open !== null}
        onClose={() => setOpen(null)}
        titleId="decision-title"
        title={translate(refuse ? 'app.approval.refuse_title' : 'app.approval.approve_title')}
        defaults={{ reason: '' }}
        action={({ reason }) =>
          dataProvider.decideDisbursement(
            record.id,
            !refuse,
            typeof reason === 'string' ? reason : undefined,
          )
        }
        success={{ message: refuse ? 'app.approval.refused' : 'app.approval.approved' }}
        submitLabel={refuse ? 'app.approval.refuse' : 'app.approval.approve'}
        submitIcon={refuse ? <CloseIcon /> : <CheckIcon />}
        onDone={onDone}
      >
        <Typography variant="body2" sx={{ mb: 1 }}>
          {record.description as string} — {formatMoney(record.amount as number)}
        </Typography>
        <TextInput
          source="reason"
          label={refuse ? 'app.approval.refuse_reason' : 'app.approval.approve_reason'}
          multiline
          validate={refuse ? [...requiredText(2000), minLength(5)] : optionalText(2000)}
        />
      </ActionDialog>
    </>
  );
};
