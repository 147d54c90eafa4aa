import { useState } from 'react';
import UndoIcon from '@mui/icons-material/Undo';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
  useCanAccess,
} from 'react-admin';
import { DayInput } from '../common/inputs';
import { notInFuture, requiredText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';
import type { LedgerResource } from './fundOperations';

const REASON_RULES = requiredText(2000);

/** The record is a posted entry that may still be reversed. */
export const isReversible = (record: Record<string, unknown> | undefined) =>
  !!record &&
  !record.reversed &&
  !record.reversesId &&
  (record.status === undefined || record.status === 'POSTED');

/**
 * "Đảo bút toán": posted money is never edited or deleted; the opposite entry is posted instead,
 * with the reason (and optionally the date) asked for in a dialog.
 */
export const ReverseButton = ({ resource }: { resource: LedgerResource }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ action: 'create', resource });
  if (!record || !isReversible(record) || !canAccess) return null;
  const close = () => setOpen(false);
  const reverse = async ({ reason, date }: Record<string, unknown>) => {
    try {
      await dataProvider.reverseEntry(
        resource,
        record.id,
        typeof reason === 'string' ? reason : '',
        typeof date === 'string' ? date : undefined,
      );
      notify('app.fund.reversed', { type: 'success' });
      close();
      refresh();
      return undefined;
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError.message, { type: 'error' });
      const { root: _root, ...fieldErrors } =
        (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      return fieldErrors;
    }
  };
  return (
    <>
      <Button
        label="app.action.reverse"
        data-testid={`reverse-${record.id}`}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        sx={{ whiteSpace: 'nowrap' }}
      >
        <UndoIcon />
      </Button>
      <Dialog
        open={open}
        onClose={close}
        onClick={(event) => event.stopPropagation()}
        fullWidth
        maxWidth="sm"
        aria-labelledby="reverse-title"
      >
        <Form record={{ reason: '', date: null }} onSubmit={reverse}>
          <DialogTitle id="reverse-title">{translate('app.fund.reverse_title')}</DialogTitle>
          <DialogContent>
            <TextInput
              source="reason"
              label="app.fund.reverse_reason"
              multiline
              minRows={2}
              validate={REASON_RULES}
              sx={{ mt: 1 }}
            />
            <DayInput
              source="date"
              label="app.fund.reverse_date"
              validate={notInFuture}
              helperText="app.fund.reverse_date_help"
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="app.action.reverse" alwaysEnable icon={<UndoIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
