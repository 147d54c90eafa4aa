import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { PovertyResult } from '../common/choices';

interface PovertyOutcome {
  escapedInYear: number | null;
  escapedSustainably: boolean;
  latestYear: number | null;
  latestResult: PovertyResult | null;
}

/** What the yearly reviews say: "Đã thoát nghèo năm 2016", "Thoát nghèo bền vững", or the latest. */
export const PovertyOutcomeField = (_props: { label?: string; source?: string }) => {
  const household = useRecordContext();
  const translate = useTranslate();
  const outcome = household?.povertyOutcome as PovertyOutcome | undefined;
  if (!outcome) return null;
  const latest =
    outcome.latestYear != null && outcome.latestResult
      ? translate('app.household.outcome.latest', {
          year: outcome.latestYear,
          result: translate(`enums.PovertyResult.${outcome.latestResult}`),
        })
      : translate('app.household.outcome.none');
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      data-testid="poverty-outcome"
    >
      {outcome.escapedInYear != null && (
        <Chip
          size="small"
          color="success"
          label={translate('app.household.outcome.escaped', { year: outcome.escapedInYear })}
        />
      )}
      {outcome.escapedSustainably && (
        <Chip
          size="small"
          color="success"
          variant="outlined"
          label={translate('app.household.outcome.sustainable')}
        />
      )}
      <Typography variant="body2" color="text.secondary">
        {latest}
      </Typography>
    </Stack>
  );
};
