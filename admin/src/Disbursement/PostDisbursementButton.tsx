import { useState } from 'react';
import SendIcon from '@mui/icons-material/Send';
import { Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  required,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { formatMoney, todayIso } from '../common/formatters';
import { DayInput } from '../common/inputs';
import { notInFuture, optionalText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';

/** "Chi": spends a planned (or approved) disbursement on a date; beyond the balance an admin gives a reason. */
export const PostDisbursementButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  // The server says when it may be posted: within the threshold, or approved, and in the scope.
  if (!record?.myActions?.canPost) return null;
  const close = () => setOpen(false);
  const post = async ({ disbursedDate, overrideReason }: Record<string, unknown>) => {
    try {
      await dataProvider.postDisbursement(
        record.id,
        disbursedDate as string,
        typeof overrideReason === 'string' ? overrideReason : undefined,
      );
      notify('app.fund.posted', { type: 'success' });
      close();
      refresh();
      return undefined;
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError.message, { type: 'error' });
      const {
        root: _root,
        amount,
        ...fieldErrors
      } = (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      // Beyond the balance: the reason is what the user can still give.
      return amount ? { ...fieldErrors, overrideReason: amount } : fieldErrors;
    }
  };
  return (
    <>
      <Button
        label="app.action.post_disbursement"
        data-testid="post-disbursement"
        onClick={() => setOpen(true)}
      >
        <SendIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="post-title">
        <Form
          record={{ disbursedDate: todayIso(), overrideReason: '', amount: record.amount }}
          onSubmit={post}
        >
          <DialogTitle id="post-title">{translate('app.fund.post_title')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {record.description as string} — {formatMoney(record.amount as number)}
            </Typography>
            <DayInput
              source="disbursedDate"
              label="resources.Disbursement.fields.disbursedDate"
              validate={[required(), notInFuture]}
            />
            <TextInput
              source="overrideReason"
              label="resources.Disbursement.fields.overrideReason"
              multiline
              helperText="app.fund.override_help"
              validate={optionalText(2000)}
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="app.action.post_disbursement" alwaysEnable icon={<SendIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
