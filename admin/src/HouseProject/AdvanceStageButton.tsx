import { useState } from 'react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import {
  Button,
  TextInput,
  required,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog } from '../common/ActionDialog';
import { HOUSE_PROJECT_STAGES, type HouseProjectStage } from '../common/choices';
import { todayIso } from '../common/formatters';
import { DayInput } from '../common/inputs';
import { TEXT_LONG, notInFuture, optionalText, requiredText } from '../common/validators';
import { advanceHouseProject } from './houseProjectOperations';

/** "Xác nhận bước tiếp theo": the next stage, its date and who confirmed it; the handover's record. */
export const AdvanceStageButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'HouseProject', record });
  const stage = record?.stage as HouseProjectStage | undefined;
  const next = stage ? HOUSE_PROJECT_STAGES[HOUSE_PROJECT_STAGES.indexOf(stage) + 1] : undefined;
  if (!record || !next || !canAccess) return null;
  const handover = next === 'HANDED_OVER';
  const text = (values: Record<string, unknown>, key: string) =>
    typeof values[key] === 'string' && (values[key] as string).trim()
      ? (values[key] as string)
      : null;
  const stageName = translate(`enums.HouseProjectStage.${next}`);
  return (
    <>
      <Button
        label="app.house.confirm_next"
        data-testid="advance-stage"
        onClick={() => setOpen(true)}
      >
        <ArrowForwardIcon />
      </Button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        titleId="advance-title"
        title={translate('app.house.confirm_title', { stage: stageName })}
        defaults={{
          date: todayIso(),
          confirmedBy: '',
          confirmerPosition: '',
          handoverMinutesNumber: '',
          handoverGiver: '',
          handoverReceiver: '',
          handoverNotes: '',
        }}
        action={(values) =>
          advanceHouseProject({
            id: record.id,
            version: record.version as number,
            stage: next,
            date: values.date as string,
            confirmedBy: (values.confirmedBy as string) ?? '',
            confirmerPosition: text(values, 'confirmerPosition'),
            handoverMinutesNumber: text(values, 'handoverMinutesNumber'),
            handoverGiver: text(values, 'handoverGiver'),
            handoverReceiver: text(values, 'handoverReceiver'),
            handoverNotes: text(values, 'handoverNotes'),
          })
        }
        success={{ message: 'app.house.stage_confirmed', messageArgs: { stage: stageName } }}
        submitLabel="app.house.confirm"
        submitIcon={<ArrowForwardIcon />}
      >
        <DayInput source="date" label="app.house.stage_date" validate={[required(), notInFuture]} />
        <TextInput source="confirmedBy" label="app.house.confirmed_by" validate={requiredText()} />
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
      </ActionDialog>
    </>
  );
};
