import { Box, Card, CardContent, CardHeader, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { LineChart } from '@mui/x-charts/LineChart';
import { COMMITMENT_AREAS } from '../common/choices';
import { AreaProgressTable } from '../Memorandum/AreaProgressTable';
import { graphqlRequest } from '../providers/graphqlRequest';

interface AreaMonth {
  month: string;
  area: string;
  percent: number;
}

/** Each area's completion month by month, one line per area. */
const ProgressOverTime = ({ memorandumId }: { memorandumId: Identifier }) => {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['Memorandum', 'progressOverTime', memorandumId],
    queryFn: () =>
      graphqlRequest<{ s: AreaMonth[] }>(
        'query ($id: ID!) { s: memorandumProgressOverTime(memorandumId: $id) { month area percent } }',
        { id: memorandumId },
      ).then((result) => result.s),
  });
  const months = [...new Set((data ?? []).map((p) => p.month))];
  if (months.length === 0) return null;
  return (
    <Box data-testid="memorandum-progress-over-time" sx={{ mt: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('app.dashboard.progress_over_time')}
      </Typography>
      <LineChart
        height={240}
        xAxis={[
          {
            data: months,
            scaleType: 'point',
            valueFormatter: (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`,
          },
        ]}
        yAxis={[{ min: 0, max: 100, valueFormatter: (value: number) => `${value}%` }]}
        series={COMMITMENT_AREAS.map((area) => ({
          label: translate(`enums.CommitmentArea.${area}`),
          showMark: false,
          data: months.map(
            (month) => data!.find((p) => p.month === month && p.area === area)?.percent ?? 0,
          ),
          valueFormatter: (value: number | null) => (value == null ? '' : `${value}%`),
        }))}
        margin={{ left: 0, right: 36, top: 8, bottom: 0 }}
      />
    </Box>
  );
};

interface MemorandumProgressCardProps {
  memorandums: RaRecord[] | undefined;
  memorandumId: Identifier | undefined;
  onChange: (id: Identifier) => void;
}

export const MemorandumProgressCard = ({
  memorandums,
  memorandumId,
  onChange,
}: MemorandumProgressCardProps) => {
  const translate = useTranslate();
  return (
    <Card data-testid="dashboard-memorandum-progress">
      <CardHeader title={translate('app.dashboard.memorandum_progress')} />
      <CardContent>
        {memorandums?.length === 0 && (
          <Typography color="text.secondary">{translate('app.dashboard.no_memorandum')}</Typography>
        )}
        {memorandumId != null && (
          <>
            <TextField
              id="dashboard-memorandum"
              select
              fullWidth
              size="small"
              label={translate('app.dashboard.memorandum')}
              value={memorandumId}
              onChange={(event) => onChange(event.target.value)}
              sx={{ mb: 2 }}
            >
              {memorandums?.map((memorandum) => (
                <MenuItem key={memorandum.id} value={memorandum.id}>
                  {memorandum.title as string}
                </MenuItem>
              ))}
            </TextField>
            <AreaProgressTable memorandumId={memorandumId} />
            <ProgressOverTime memorandumId={memorandumId} />
          </>
        )}
      </CardContent>
    </Card>
  );
};
