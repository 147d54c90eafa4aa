import {
  Alert,
  Card,
  CardContent,
  CardHeader,
  Grid,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { HOUSE_PROJECT_STAGES } from '../common/choices';
import { EnumChip } from '../common/EnumChip';
import { formatMoney } from '../common/formatters';
import { useHouseProjectOverview } from '../HouseProject/houseProjectOperations';
import { FigureValue } from './HouseholdOverviewCard';

/**
 * "Xóa nhà tạm": the house projects by stage; every figure opens the list of the projects it
 * counts (for a viewer, who may not open them, the figures alone).
 */
export const HouseProjectCard = () => {
  const translate = useTranslate();
  const { data, isPending, error } = useHouseProjectOverview();
  const link = (filter: Record<string, unknown>) =>
    data?.canOpenRecords ? { resource: 'HouseProject', filter } : undefined;
  return (
    <Card data-testid="house-project-card">
      <CardHeader title={translate('app.dashboard.house_projects')} />
      <CardContent>
        {error ? (
          <Alert severity="error">{translate('app.dashboard.house_projects_error')}</Alert>
        ) : isPending || !data ? (
          <Skeleton variant="rectangular" height={80} />
        ) : (
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, sm: 2 }}>
              <Typography variant="body2" color="text.secondary">
                {translate('app.dashboard.house_projects_open')}
              </Typography>
              <FigureValue
                value={data.open}
                link={link({ open: true })}
                variant="h4"
                testId="house-open"
              />
            </Grid>
            {HOUSE_PROJECT_STAGES.map((stage) => {
              const figure = data.stages.find((s) => s.stage === stage);
              return (
                <Grid key={stage} size={{ xs: 6, sm: 2.5 }}>
                  <Stack spacing={0.5}>
                    <EnumChip
                      enumName="HouseProjectStage"
                      value={stage}
                      sx={{ alignSelf: 'flex-start' }}
                    />
                    <FigureValue
                      value={figure?.count ?? 0}
                      link={link({ stage })}
                      variant="h4"
                      testId={`house-${stage}`}
                    />
                    <Typography variant="caption" color="text.secondary">
                      {translate('app.dashboard.house_projects_cost', {
                        amount: formatMoney(figure?.estimatedCost ?? 0),
                      })}
                    </Typography>
                  </Stack>
                </Grid>
              );
            })}
          </Grid>
        )}
      </CardContent>
    </Card>
  );
};
