import { useState, type MouseEvent, type ReactNode } from 'react';
import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import RateReviewIcon from '@mui/icons-material/RateReview';
import { Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import {
  Button,
  Form,
  ResourceContextProvider,
  SaveButton,
  SelectInput,
  TextInput,
  required,
  useCanAccess,
  useNotify,
  useRecordContext,
  useTranslate,
  useUpdate,
  type HttpError,
  type RaRecord,
} from 'react-admin';
import {
  ANSWERED_STATUSES,
  ASPIRATION_TRANSITIONS,
  aspirationStatusChoices,
  type AspirationStatus,
} from '../common/choices';
import { todayIso } from '../common/formatters';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, notInFuture, requiredText } from '../common/validators';

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

const notBeforeDate =
  (min: unknown, message: string) =>
  (value: unknown): string | undefined =>
    typeof value === 'string' && typeof min === 'string' && value !== '' && value < min
      ? message
      : undefined;

/**
 * Saves a status change of the aspiration (the whole record, so the server checks the lifecycle on
 * the merged facts); server-side field errors come back to the dialog's inputs.
 */
const useAspirationChange = (record: RaRecord, onDone: () => void, successMessage: string) => {
  const [update] = useUpdate();
  const notify = useNotify();
  return async (changes: Record<string, unknown>) => {
    try {
      await update(
        'Aspiration',
        { id: record.id, data: { ...record, ...changes }, previousData: record },
        { mutationMode: 'pessimistic', returnPromise: true },
      );
      notify(successMessage, { type: 'success' });
      onDone();
      return undefined;
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError.message, { type: 'error' });
      const { root: _root, ...fieldErrors } =
        (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      return fieldErrors;
    }
  };
};

interface ActionDialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  defaultValues: Record<string, unknown>;
  testId: string;
  children: ReactNode;
}

/** A small form in a dialog; clicks inside it never reach the table row behind. */
const ActionDialog = ({
  open,
  title,
  onClose,
  onSubmit,
  defaultValues,
  testId,
  children,
}: ActionDialogProps) => {
  const translate = useTranslate();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      onClick={stopPropagation}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
    >
      <ResourceContextProvider value="Aspiration">
        <Form record={defaultValues} onSubmit={onSubmit}>
          <DialogTitle id={`${testId}-title`}>{translate(title)}</DialogTitle>
          <DialogContent>
            <Stack sx={{ pt: 1 }}>{children}</Stack>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={onClose} />
            <SaveButton label="ra.action.confirm" alwaysEnable />
          </DialogActions>
        </Form>
      </ResourceContextProvider>
    </Dialog>
  );
};

/** "Chuyển cơ quan có thẩm quyền": the authority and the date it was sent (today by default). */
export const ForwardAspirationButton = () => {
  const record = useRecordContext();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const save = useAspirationChange(record ?? { id: '' }, close, 'app.aspiration.forwarded');
  if (!record || record.status !== 'RECORDED') return null;
  return (
    <>
      <Button
        label="app.action.forward_aspiration"
        data-testid={`forward-aspiration-${record.id}`}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        sx={{ whiteSpace: 'nowrap' }}
      >
        <ForwardToInboxIcon />
      </Button>
      {open && (
        <ActionDialog
          open
          title="app.aspiration.forward_title"
          onClose={close}
          testId={`forward-aspiration-dialog-${record.id}`}
          defaultValues={{ authorityId: null, forwardedDate: todayIso() }}
          onSubmit={({ authorityId, forwardedDate }) =>
            save({ status: 'FORWARDED', authorityId, forwardedDate })
          }
        >
          <ReferenceSelect source="authorityId" reference="Organization" isRequired />
          <DayInput
            source="forwardedDate"
            validate={[
              required(),
              notInFuture,
              notBeforeDate(record.recordedDate, 'app.validation.after_recorded_date'),
            ]}
          />
        </ActionDialog>
      )}
    </>
  );
};

/** "Ghi nhận trả lời": the authority's answer to a forwarded aspiration, and what came of it. */
export const RecordResponseButton = () => {
  const record = useRecordContext();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const save = useAspirationChange(record ?? { id: '' }, close, 'app.aspiration.answered');
  const status = record?.status as AspirationStatus | undefined;
  if (!record || (status !== 'FORWARDED' && status !== 'ANSWERED')) return null;
  const next = ASPIRATION_TRANSITIONS[status].filter((s) => ANSWERED_STATUSES.includes(s));
  return (
    <>
      <Button
        label="app.action.record_response"
        data-testid={`answer-aspiration-${record.id}`}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        sx={{ whiteSpace: 'nowrap' }}
      >
        <RateReviewIcon />
      </Button>
      {open && (
        <ActionDialog
          open
          title="app.aspiration.response_title"
          onClose={close}
          testId={`answer-aspiration-dialog-${record.id}`}
          defaultValues={{
            status: next[0],
            response: record.response ?? '',
            responseDate: record.responseDate ?? todayIso(),
          }}
          onSubmit={({ status: newStatus, response, responseDate }) =>
            save({ status: newStatus, response, responseDate })
          }
        >
          <SelectInput
            source="status"
            choices={aspirationStatusChoices.filter((choice) => next.includes(choice.id))}
            validate={required()}
          />
          <TextInput source="response" multiline validate={requiredText(TEXT_LONG)} />
          <DayInput
            source="responseDate"
            validate={[
              required(),
              notInFuture,
              notBeforeDate(record.forwardedDate, 'app.validation.after_forwarded_date'),
            ]}
          />
        </ActionDialog>
      )}
    </>
  );
};

/** The actions an aspiration's current status allows. */
export const AspirationActions = (_props: { label?: string }) => {
  const record = useRecordContext();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'Aspiration', record });
  if (!canAccess) return null;
  return (
    <Stack direction="row" spacing={1}>
      <ForwardAspirationButton />
      <RecordResponseButton />
    </Stack>
  );
};
