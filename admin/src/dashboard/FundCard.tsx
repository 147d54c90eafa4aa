import { useState } from 'react';
import { Card, CardContent, CardHeader, Stack, TextField, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { FundOverviewPanel } from '../Fund/FundOverviewPanel';
import { useFundOverview } from '../Fund/fundOperations';
import { FIRST_FUND_YEAR, YearSelect } from '../Fund/month';

const CURRENT_YEAR = new Date().getFullYear();

/**
 * Dues collected against expected, arrears, balance, spending and monthly flows of one fund. The
 * year starts at the current one, or at the program's first year when nothing is due this year.
 */
export const FundCard = () => {
  const translate = useTranslate();
  // A picker: it shows names, so it asks for names, not every fund's balance and child lists.
  const funds = useGetList('Fund', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name'] },
  });
  const [chosenFundId, setFundId] = useState<string>();
  const fundId = chosenFundId ?? (funds.data?.[0]?.id as string | undefined);
  const [chosenYear, setYear] = useState<number>();
  const current = useFundOverview(chosenYear === undefined ? fundId : undefined, CURRENT_YEAR);
  const year =
    chosenYear ?? (current.data && current.data.expected === 0 ? FIRST_FUND_YEAR : CURRENT_YEAR);
  return (
    <Card data-testid="dashboard-fund">
      <CardHeader title={translate('app.dashboard.fund')} />
      <CardContent>
        {funds.data?.length === 0 ? (
          <Typography color="text.secondary">{translate('app.dashboard.no_fund')}</Typography>
        ) : (
          <>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
              <TextField
                select
                size="small"
                label={translate('resources.Fund.name', { smart_count: 1 })}
                value={fundId ?? ''}
                onChange={(event) => setFundId(event.target.value)}
                slotProps={{
                  select: { native: true },
                  htmlInput: { 'data-testid': 'dashboard-fund-select' },
                }}
                sx={{ minWidth: 320, flexGrow: 1 }}
              >
                {funds.data?.map((fund) => (
                  <option key={fund.id} value={fund.id}>
                    {fund.name as string}
                  </option>
                ))}
              </TextField>
              <YearSelect value={year} onChange={setYear} testId="dashboard-fund-year" />
            </Stack>
            {fundId != null && (chosenYear !== undefined || !current.isPending) && (
              <FundOverviewPanel fundId={fundId} year={year} />
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
};
