import { useState } from 'react';
import { Grid } from '@mui/material';
import { Title, useGetList, type Identifier } from 'react-admin';
import { useMayRead } from '../common/useMayRead';
import { useMemorandumProgress } from '../Memorandum/progress';
import { CommuneCriteriaCard } from './CommuneCriteriaCard';
import { CountCard } from './CountCard';
import { FundCard } from './FundCard';
import { HouseholdOverviewCard } from './HouseholdOverviewCard';
import { HouseProjectCard } from './HouseProjectCard';
import { MemorandumProgressCard } from './MemorandumProgressCard';

// The cards read only what they draw: a count needs no record's fields, a picker its names.
const FIRST_ONLY = { pagination: { page: 1, perPage: 1 }, meta: { sparseFields: ['id'] } };

/** The first screen; each card only for roles that may read what it shows. */
export const Dashboard = () => {
  const mayRead = useMayRead();
  const memorandums = useGetList(
    'Memorandum',
    {
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'signedDate', order: 'DESC' },
      meta: { sparseFields: ['id', 'title'] },
    },
    { enabled: mayRead('Memorandum') },
  );
  const partnerships = useGetList('Partnership', FIRST_ONLY, {
    enabled: mayRead('Partnership'),
  });
  const [chosenId, setChosenId] = useState<Identifier>();
  const memorandumId = chosenId ?? memorandums.data?.[0]?.id;
  const { data: progress } = useMemorandumProgress(memorandumId);
  const completed = progress?.areas.reduce((sum, area) => sum + area.completedCount, 0);
  const total = progress?.areas.reduce((sum, area) => sum + area.commitmentCount, 0);

  return (
    <Grid container spacing={2} sx={{ mt: 1 }}>
      <Title title="app.dashboard.title" />
      {mayRead('Partnership') && (
        <Grid size={{ xs: 12, sm: 4 }}>
          <CountCard
            label="app.dashboard.partnerships"
            value={partnerships.total}
            link={{ resource: 'Partnership' }}
            testId="partnership-count"
          />
        </Grid>
      )}
      <Grid size={{ xs: 12, sm: 4 }}>
        <CountCard
          label="app.dashboard.memorandums"
          value={memorandums.total}
          link={{ resource: 'Memorandum' }}
          testId="memorandum-count"
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <CountCard
          label="app.dashboard.commitments_completed"
          value={progress ? `${completed}/${total}` : undefined}
          link={{ resource: 'Commitment', filter: { memorandumId } }}
          testId="commitments-completed"
        />
      </Grid>
      <Grid size={12}>
        <HouseholdOverviewCard />
      </Grid>
      {mayRead('Fund') && (
        <Grid size={12}>
          <FundCard />
        </Grid>
      )}
      <Grid size={12}>
        <HouseProjectCard />
      </Grid>
      <Grid size={12}>
        <MemorandumProgressCard
          memorandums={memorandums.data}
          memorandumId={memorandumId}
          onChange={setChosenId}
        />
      </Grid>
      {mayRead('CriterionAssessment') && mayRead('Partnership') && (
        <Grid size={12}>
          <CommuneCriteriaCard />
        </Grid>
      )}
    </Grid>
  );
};
