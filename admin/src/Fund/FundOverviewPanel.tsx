import { Alert, Box, Grid, LinearProgress, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate, type Identifier } from 'react-admin';
import { DISBURSEMENT_PURPOSES } from '../common/choices';
import { formatMoney } from '../common/formatters';
import { useFundOverview, type FundOverview } from './fundOperations';
import { formatMonth } from './month';
import { FigureValue, type FigureLink } from '../dashboard/HouseholdOverviewCard';

const Figure = ({
  label,
  children,
  testId,
  link,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  link?: FigureLink;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {translate(label)}
      </Typography>
      <FigureValue value={children} variant="h6" testId={testId} link={link} />
    </Box>
  );
};

/** The year's dues of the fund, as the contributions list filters them. */
const duesOf = (fundId: Identifier, year: number): FigureLink => ({
  resource: 'Contribution',
  filter: { fundId, month_gte: `${year}-01-01`, month_lte: `${year}-12-01` },
});

const SpendingByPurpose = ({
  overview,
  fundId,
  year,
}: {
  overview: FundOverview;
  fundId: Identifier;
  year: number;
}) => {
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
            // Label and amount on one line, the bar under them: nothing spills into the chart's
            // column on a narrow card (1366×768 with the menu open).
            <Box key={purpose} data-testid={`fund-spending-${purpose}`}>
              <Stack
                direction="row"
                spacing={1}
                sx={{ justifyContent: 'space-between', alignItems: 'baseline' }}
              >
                <Typography component="dt" variant="body2" sx={{ minWidth: 0 }}>
                  {translate(`enums.DisbursementPurpose.${purpose}`)}
                </Typography>
                <Box component="dd" sx={{ m: 0, textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <FigureValue
                    value={formatMoney(amount)}
                    variant="body2"
                    link={{
                      resource: 'Disbursement',
                      filter: { fundId, purpose, status: 'POSTED', disbursedYear: year },
                    }}
                  />
                </Box>
              </Stack>
              <LinearProgress variant="determinate" value={(amount / most) * 100} aria-hidden />
            </Box>
          );
        })}
      </Stack>
    </Box>
  );
};

const CHART_HEIGHT = 220;

/** Millions of đồng on the axis ("1,5 tr"), so labels stay short beside the bars. */
const axisMoney = (value: number) =>
  value === 0
    ? '0'
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value / 1_000_000)} tr`;

/** Money in and out per month; the chart lays out its own axes, so nothing overlaps at any width. */
const MonthlyChart = ({ overview }: { overview: FundOverview }) => {
  const translate = useTranslate();
  return (
    <Box data-testid="fund-monthly-chart">
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('app.fund.monthly')}
      </Typography>
      <BarChart
        height={CHART_HEIGHT}
        xAxis={[
          {
            scaleType: 'band',
            data: overview.monthly.map((m) => m.month),
            valueFormatter: (month: string, context) =>
              context.location === 'tick' ? month.slice(5, 7) : formatMonth(month),
          },
        ]}
        yAxis={[{ valueFormatter: axisMoney, width: 56 }]}
        series={[
          {
            data: overview.monthly.map((m) => m.moneyIn),
            label: translate('app.fund.money_in'),
            color: '#2e7d32',
            valueFormatter: (value) => (value == null ? '' : formatMoney(value)),
          },
          {
            data: overview.monthly.map((m) => m.moneyOut),
            label: translate('app.fund.money_out'),
            color: '#c62828',
            valueFormatter: (value) => (value == null ? '' : formatMoney(value)),
          },
        ]}
        margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
      />
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
          <Figure label="app.fund.collected_of_expected" link={duesOf(fundId!, year)}>
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
          <Figure
            label="app.fund.arrears"
            testId="fund-arrears"
            link={{ resource: 'Fund', record: fundId! }}
          >
            {formatMoney(data.arrears)}
          </Figure>
          <Figure
            label="app.fund.balance"
            testId="fund-balance"
            link={{ resource: 'Fund', record: fundId! }}
          >
            {formatMoney(data.balance)}
          </Figure>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <SpendingByPurpose overview={data} fundId={fundId!} year={year} />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <MonthlyChart overview={data} />
      </Grid>
    </Grid>
  );
};
