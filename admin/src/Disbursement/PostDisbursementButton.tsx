import { useState } from 'react';
import SendIcon from '@mui/icons-material/Send';
import { Typography } from '@mui/material';
import {
  Button,
  TextInput,
  required,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog } from '../common/ActionDialog';
import { formatMoney, todayIso } from '../common/formatters';
import { DayInput } from '../common/inputs';
import { notInFuture, optionalText } from '../common/validators';
import type { AppDataProvider } from '../providers/dataProvider';

/** "Chi": spends a planned (or approved) disbursement on a date; beyond the balance an admin gives a reason. */
export const PostDisbursementButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [open, setOpen] = useState(false);
  // The server says when it may be posted: within the threshold, or approved, and in the scope.
  if (!record?.myActions?.canPost) return null;
  return (
    <>
      <Button
        label="app.action.post_disbursement"
        data-testid="post-disbursement"
        onClick={() => setOpen(true)}
      >
        <SendIcon />
      </Button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        titleId="post-title"
        title={translate('app.fund.post_title')}
        defaults={{ disbursedDate: todayIso(), overrideReason: '', amount: record.amount }}
        action={({ disbursedDate, overrideReason }) =>
          dataProvider.postDisbursement(
            record.id,
            disbursedDate as string,
            typeof overrideReason === 'string' ? overrideReason : undefined,
          )
        }
        success={{ message: 'app.fund.posted' }}
        // Beyond the balance: the reason is what the user can still give.
        placeErrors={({ amount, ...errors }) =>
          amount ? { ...errors, overrideReason: amount } : errors
        }
        submitLabel="app.action.post_disbursement"
        submitIcon={<SendIcon />}
      >
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
      </ActionDialog>
    </>
  );
};
