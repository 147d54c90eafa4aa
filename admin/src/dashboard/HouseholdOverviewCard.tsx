import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Grid,
  LinearProgress,
  Skeleton,
  Stack,
  Typography,
  type TypographyProps,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { LineChart } from '@mui/x-charts/LineChart';
import { useCreatePath, useTranslate, type Identifier } from 'react-admin';
import { AccessibleLink } from '../common/AccessibleLink';
import { HOUSEHOLD_CATEGORIES } from '../common/choices';
import { EnumChip } from '../common/EnumChip';
import {
  AGE_BUCKETS,
  useHouseholdOverview,
  type HouseholdOverview,
  type UnitChoice,
} from './householdOverview';
import { UnitPicker } from './UnitPicker';

/** Where a figure leads: the list of the records it counts, filtered as it counts them. */
export interface FigureLink {
  resource: string;
  filter?: Record<string, unknown>;
  /** A record's page instead of a list (e.g. a fund's balance opens the fund). */
  record?: Identifier;
}

const listOf = (path: string, filter: Record<string, unknown> = {}) => ({
  pathname: path,
  search: `?filter=${encodeURIComponent(JSON.stringify(filter))}`,
});

/** A figure that opens the records behind it, for a role that may open that list. */
export const FigureValue = ({
  value,
  link,
  variant,
  testId,
}: {
  value: ReactNode;
  link?: FigureLink;
  variant: TypographyProps['variant'];
  testId?: string;
}) => {
  const createPath = useCreatePath();
  if (!link)
    return (
      <Typography variant={variant} component="p" data-testid={testId}>
        {value}
      </Typography>
    );
  return (
    <Typography variant={variant} component="p" data-testid={testId}>
      <AccessibleLink
        resource={link.resource}
        action={link.record == null ? 'list' : 'show'}
        to={
          link.record == null
            ? listOf(createPath({ resource: link.resource, type: 'list' }), link.filter)
            : createPath({ resource: link.resource, id: link.record, type: 'show' })
        }
        variant={variant}
        underline="hover"
      >
        {value}
      </AccessibleLink>
    </Typography>
  );
};

/** A labelled figure; `testId` marks the element holding just the number. */
const Figure = ({
  label,
  value,
  testId,
  link,
  children,
}: {
  label: string;
  value: number;
  testId?: string;
  link?: FigureLink;
  children?: ReactNode;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {translate(label)}
      </Typography>
      <FigureValue value={value} link={link} variant="h4" testId={testId} />
      {children}
    </Box>
  );
};

const ByCategory = ({
  overview,
  inUnit,
}: {
  overview: HouseholdOverview;
  inUnit: Record<string, unknown>;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const households = createPath({ resource: 'Household', type: 'list' });
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('app.dashboard.by_category')}
      </Typography>
      <Stack spacing={1}>
        {HOUSEHOLD_CATEGORIES.map((category) => {
          const count = overview.byCategory.find((c) => c.category === category)?.count ?? 0;
          return (
            <Stack
              key={category}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid={`households-${category}`}
            >
              <EnumChip enumName="HouseholdCategory" value={category} />
              <AccessibleLink
                resource="Household"
                action="list"
                to={listOf(households, { ...inUnit, category })}
                variant="h6"
                underline="hover"
              >
                {count}
              </AccessibleLink>
            </Stack>
          );
        })}
      </Stack>
    </Box>
  );
};

const OpenAspirations = ({
  overview,
  inUnit,
}: {
  overview: HouseholdOverview;
  inUnit: Record<string, unknown>;
}) => {
  const translate = useTranslate();
  const most = Math.max(1, ...overview.openAspirationsByAge.map((b) => b.count));
  return (
    <Figure
      label="app.dashboard.open_aspirations"
      value={overview.openAspirationCount}
      testId="open-aspiration-count"
      link={{ resource: 'Aspiration', filter: { ...inUnit, open: true } }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {translate('app.dashboard.by_age')}
      </Typography>
      <Stack spacing={0.5} component="dl" sx={{ m: 0 }}>
        {AGE_BUCKETS.map((bucket) => {
          const count = overview.openAspirationsByAge.find((b) => b.bucket === bucket)?.count ?? 0;
          return (
            <Stack
              key={bucket}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid={`open-aspirations-${bucket}`}
            >
              <Typography component="dt" variant="body2" sx={{ minWidth: 110 }}>
                {translate(`app.dashboard.age.${bucket}`)}
              </Typography>
              <Box sx={{ flexGrow: 1 }}>
                <LinearProgress
                  variant="determinate"
                  value={(count / most) * 100}
                  color={bucket === '180+' ? 'error' : 'primary'}
                  aria-hidden
                />
              </Box>
              <Box component="dd" sx={{ m: 0, minWidth: 24 }}>
                <FigureValue
                  value={count}
                  variant="body2"
                  link={{
                    resource: 'Aspiration',
                    filter: { ...inUnit, open: true, ageBucket: bucket },
                  }}
                />
              </Box>
            </Stack>
          );
        })}
      </Stack>
    </Figure>
  );
};

const StaleGroups = ({
  overview,
  inUnit,
}: {
  overview: HouseholdOverview;
  inUnit: Record<string, unknown>;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const groups = overview.groupsWithoutRecentVisit;
  return (
    <Box data-testid="stale-groups">
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('app.dashboard.stale_groups')}
      </Typography>
      <FigureValue
        value={overview.groupsWithoutRecentVisitCount}
        variant="h6"
        testId="stale-group-count"
        link={{ resource: 'SupportGroup', filter: { ...inUnit, withoutRecentVisit: true } }}
      />
      {overview.groupsWithoutRecentVisitCount === 0 ? (
        <Typography variant="body2">{translate('app.dashboard.no_stale_groups')}</Typography>
      ) : (
        <Stack component="ul" sx={{ m: 0, pl: 2 }}>
          {groups.map((group) => (
            <li key={group.id}>
              <AccessibleLink
                resource="SupportGroup"
                action="show"
                to={createPath({ resource: 'SupportGroup', id: group.id, type: 'show' })}
                variant="body2"
              >
                {group.name}
              </AccessibleLink>
            </li>
          ))}
        </Stack>
      )}
    </Box>
  );
};

/** Households in each category at the end of each year, one line per category. */
const CategoriesOverYears = ({ overview }: { overview: HouseholdOverview }) => {
  const translate = useTranslate();
  const years = [...new Set(overview.byCategoryOverYears.map((c) => c.year))].sort();
  if (years.length === 0) return null;
  return (
    <Box data-testid="households-over-years">
      <Typography variant="body2" color="text.secondary">
        {translate('app.dashboard.by_category_over_years')}
      </Typography>
      <LineChart
        height={220}
        xAxis={[
          { data: years, scaleType: 'point', valueFormatter: (year: number) => String(year) },
        ]}
        series={HOUSEHOLD_CATEGORIES.map((category) => ({
          label: translate(`enums.HouseholdCategory.${category}`),
          data: years.map(
            (year) =>
              overview.byCategoryOverYears.find((c) => c.year === year && c.category === category)
                ?.count ?? 0,
          ),
        }))}
        margin={{ left: 0, right: 28, top: 8, bottom: 0 }}
      />
    </Box>
  );
};

/** Households by category, poverty escapes, groups gone quiet, and open aspirations by age. */
export const HouseholdOverviewCard = () => {
  const translate = useTranslate();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const { data, error, isPending } = useHouseholdOverview(unit);
  // Every figure opens its list filtered by the same unit and mode.
  const inUnit = unit ? { unitId: unit.unitId, unitMode: unit.unitMode } : {};
  return (
    <Card data-testid="dashboard-household-overview">
      <CardHeader
        title={translate('app.dashboard.household_overview')}
        action={<UnitPicker value={unit} onChange={setUnit} />}
        sx={{ flexWrap: 'wrap', gap: 1 }}
      />
      <CardContent>
        {error ? (
          <Alert severity="error">{error.message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rectangular" height={200} />
        ) : (
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, sm: 6, md: 3 }}>
              <Stack spacing={2}>
                <Figure
                  label="app.dashboard.households"
                  value={data.householdCount}
                  testId="household-count"
                  link={{ resource: 'Household', filter: inUnit }}
                />
                <ByCategory overview={data} inUnit={inUnit} />
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 2 }}>
              <Stack spacing={2}>
                <Figure
                  label="app.dashboard.escaped"
                  value={data.escapedCount}
                  testId="escaped-count"
                  link={{ resource: 'Household', filter: { ...inUnit, povertyOutcome: 'ESCAPED' } }}
                />
                <Figure
                  label="app.dashboard.escaped_sustainably"
                  value={data.escapedSustainablyCount}
                  testId="escaped-sustainably-count"
                  link={{
                    resource: 'Household',
                    filter: { ...inUnit, povertyOutcome: 'ESCAPED_SUSTAINABLY' },
                  }}
                />
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <OpenAspirations overview={data} inUnit={inUnit} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 3 }}>
              <StaleGroups overview={data} inUnit={inUnit} />
            </Grid>
            <Grid size={12}>
              <CategoriesOverYears overview={data} />
            </Grid>
          </Grid>
        )}
      </CardContent>
    </Card>
  );
};
