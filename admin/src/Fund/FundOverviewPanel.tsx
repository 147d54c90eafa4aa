import {
  Alert,
  Box,
  Grid,
  LinearProgress,
  Skeleton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate, type Identifier } from 'react-admin';
import { DISBURSEMENT_PURPOSES } from '../common/choices';
import { formatMoney } from '../common/formatters';
import { useFundOverview, type FundOverview } from './fundOperations';
import { formatMonth } from './month';

const Figure = ({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography variant="h6" component="p" data-testid={testId}>
        {children}
      </Typography>
    </Box>
  );
};

const SpendingByPurpose = ({ overview }: { overview: FundOverview }) => {
  const translate = useTranslate();
  const most = Math.max(1, ...overview.spendingByPurpose.map((p) => p.amount));
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('app.fund.spending_by_purpose')}
      </Typography>
      <Stack spacing={0.5} component="dl" sx={{ m: 0 }}>
        {DISBURSEMENT_PURPOSES.map((purpose) => {
          const amount = overview.spendingByPurpose.find((p) => p.purpose === purpose)?.amount ?? 0;
          return (
            <Stack
              key={purpose}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid={`fund-spending-${purpose}`}
            >
              <Typography component="dt" variant="body2" sx={{ minWidth: 190 }}>
                {translate(`enums.DisbursementPurpose.${purpose}`)}
              </Typography>
              <Box sx={{ flexGrow: 1, minWidth: 40 }}>
                <LinearProgress variant="determinate" value={(amount / most) * 100} aria-hidden />
              </Box>
              <Typography
                component="dd"
                variant="body2"
                sx={{ m: 0, minWidth: 110, textAlign: 'right' }}
              >
                {formatMoney(amount)}
              </Typography>
            </Stack>
          );
        })}
      </Stack>
    </Box>
  );
};

const CHART_HEIGHT = 120;

/** Money in (green) and out (red) per month, as plain bars. */
const MonthlyChart = ({ overview }: { overview: FundOverview }) => {
  const translate = useTranslate();
  const most = Math.max(1, ...overview.monthly.flatMap((m) => [m.moneyIn, m.moneyOut]));
  return (
    <Box data-testid="fund-monthly-chart">
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('app.fund.monthly')}
      </Typography>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-end', height: CHART_HEIGHT }}>
        {overview.monthly.map((month) => (
          <Tooltip
            key={month.month}
            title={`${formatMonth(month.month)} — ${translate('app.fund.money_in')}: ${formatMoney(month.moneyIn)}; ${translate('app.fund.money_out')}: ${formatMoney(month.moneyOut)}`}
          >
            <Stack
              direction="row"
              spacing={0.25}
              sx={{ flex: 1, alignItems: 'flex-end', height: '100%' }}
            >
              <Box
                sx={{
                  flex: 1,
                  bgcolor: 'success.main',
                  height: `${(month.moneyIn / most) * 100}%`,
                  minHeight: 2,
                }}
              />
              <Box
                sx={{
                  flex: 1,
                  bgcolor: 'error.main',
                  height: `${(month.moneyOut / most) * 100}%`,
                  minHeight: 2,
                }}
              />
            </Stack>
          </Tooltip>
        ))}
      </Stack>
      <Stack direction="row" spacing={0.5}>
        {overview.monthly.map((month) => (
          <Typography
            key={month.month}
            variant="caption"
            color="text.secondary"
            sx={{ flex: 1, textAlign: 'center' }}
          >
            {month.month.slice(5, 7)}
          </Typography>
        ))}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mt: 0.5 }}>
        <Typography variant="caption" sx={{ color: 'success.main' }}>
          ■ {translate('app.fund.money_in')}
        </Typography>
        <Typography variant="caption" sx={{ color: 'error.main' }}>
          ■ {translate('app.fund.money_out')}
        </Typography>
      </Stack>
    </Box>
  );
};

/** A fund's year: dues collected against expected, arrears, balance, spending and monthly flows. */
export const FundOverviewPanel = ({
  fundId,
  year,
}: {
  fundId: Identifier | undefined;
  year: number;
}) => {
  const translate = useTranslate();
  const { data, error, isPending } = useFundOverview(fundId, year);
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (isPending) return <Skeleton variant="rectangular" height={200} />;
  return (
    <Grid container spacing={3}>
      <Grid size={{ xs: 12, md: 4 }}>
        <Stack spacing={1.5}>
          <Figure label="app.fund.collected_of_expected">
            {formatMoney(data.collected)} / {formatMoney(data.expected)}
          </Figure>
          <Box>
            <Typography variant="body2" color="text.secondary">
              {translate('app.fund.compliance')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Box sx={{ flexGrow: 1 }}>
                <LinearProgress
                  variant="determinate"
                  value={Math.min(100, data.compliancePercent)}
                  aria-label={translate('app.fund.compliance')}
                />
              </Box>
              <Typography variant="h5" component="p" data-testid="fund-compliance">
                {data.compliancePercent}%
              </Typography>
            </Stack>
          </Box>
          <Figure label="app.fund.arrears" testId="fund-arrears">
            {formatMoney(data.arrears)}
          </Figure>
          <Figure label="app.fund.balance" testId="fund-balance">
            {formatMoney(data.balance)}
          </Figure>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <SpendingByPurpose overview={data} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <MonthlyChart overview={data} />
      </Grid>
    </Grid>
  );
};
