import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** `2/5 bước đã thực hiện`: steps with a done date out of all the plan's steps. */
export const StepsDoneField = (_props: { source?: string; label?: string }) => {
  const plan = useRecordContext();
  const translate = useTranslate();
  if (!plan) return null;
  const total = Array.isArray(plan.steps) ? plan.steps.length : 0;
  return (
    <Typography component="span" variant="body2">
      {translate('app.household.steps_done', { done: plan.stepsDone ?? 0, total })}
    </Typography>
  );
};
