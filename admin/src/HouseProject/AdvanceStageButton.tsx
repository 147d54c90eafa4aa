import { useState } from 'react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  required,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { HOUSE_PROJECT_STAGES, type HouseProjectStage } from '../common/choices';
import { todayIso } from '../common/formatters';
import { DayInput } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, requiredText } from '../common/validators';
import { advanceHouseProject } from './houseProjectOperations';

/** "Xác nhận bước tiếp theo": the next stage, its date and who confirmed it; the handover's record. */
export const AdvanceStageButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'HouseProject', record });
  const stage = record?.stage as HouseProjectStage | undefined;
  const next = stage ? HOUSE_PROJECT_STAGES[HOUSE_PROJECT_STAGES.indexOf(stage) + 1] : undefined;
  if (!record || !next || !canAccess) return null;
  const handover = next === 'HANDED_OVER';
  const close = () => setOpen(false);
  const confirm = async (values: Record<string, unknown>) => {
    const text = (key: string) =>
      typeof values[key] === 'string' && (values[key] as string).trim()
        ? (values[key] as string)
        : null;
    try {
      await advanceHouseProject({
        id: record.id,
        version: record.version as number,
        stage: next,
        date: values.date as string,
        confirmedBy: (values.confirmedBy as string) ?? '',
        confirmerPosition: text('confirmerPosition'),
        handoverMinutesNumber: text('handoverMinutesNumber'),
        handoverGiver: text('handoverGiver'),
        handoverReceiver: text('handoverReceiver'),
        handoverNotes: text('handoverNotes'),
      });
      notify('app.house.stage_confirmed', {
        type: 'success',
        messageArgs: { stage: translate(`enums.HouseProjectStage.${next}`) },
      });
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
        label="app.house.confirm_next"
        data-testid="advance-stage"
        onClick={() => setOpen(true)}
      >
        <ArrowForwardIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="advance-title">
        <Form
          record={{
            date: todayIso(),
            confirmedBy: '',
            confirmerPosition: '',
            handoverMinutesNumber: '',
            handoverGiver: '',
            handoverReceiver: '',
            handoverNotes: '',
          }}
          onSubmit={confirm}
        >
          <DialogTitle id="advance-title">
            {translate('app.house.confirm_title', {
              stage: translate(`enums.HouseProjectStage.${next}`),
            })}
          </DialogTitle>
          <DialogContent>
            <DayInput
              source="date"
              label="app.house.stage_date"
              validate={[required(), notInFuture]}
            />
            <TextInput
              source="confirmedBy"
              label="app.house.confirmed_by"
              validate={requiredText()}
            />
            <TextInput
              source="confirmerPosition"
              label="app.house.confirmer_position"
              validate={optionalText()}
            />
            {handover && (
              <>
                <TextInput
                  source="handoverMinutesNumber"
                  label="resources.HouseProject.fields.handoverMinutesNumber"
                  validate={requiredText(100)}
                />
                <TextInput
                  source="handoverGiver"
                  label="resources.HouseProject.fields.handoverGiver"
                  validate={requiredText()}
                />
                <TextInput
                  source="handoverReceiver"
                  label="resources.HouseProject.fields.handoverReceiver"
                  validate={requiredText()}
                />
                <TextInput
                  source="handoverNotes"
                  label="resources.HouseProject.fields.handoverNotes"
                  multiline
                  validate={optionalText(TEXT_LONG)}
                />
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={close} />
            <SaveButton label="app.house.confirm" alwaysEnable icon={<ArrowForwardIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
