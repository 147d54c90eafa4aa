import { Alert, Box, Link as MuiLink, Paper, Skeleton, Stack, Typography } from '@mui/material';
import {
  Link,
  RecordContextProvider,
  ResourceContextProvider,
  useCreatePath,
  useGetManyReference,
  useTranslate,
  type Identifier,
  type RaRecord,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChip } from '../common/EnumChip';
import { formatDay } from '../common/formatters';
import { StaffChips } from '../common/fields';

const ALL = { page: 1, perPage: 200 };

/** One aspiration heard during a visit, with its status (the actions are in the list below). */
const HeardAspiration = ({ aspiration }: { aspiration: RaRecord }) => (
  <Stack
    direction="row"
    spacing={1}
    sx={{ alignItems: 'center' }}
    data-testid={`visit-aspiration-${aspiration.id}`}
  >
    <EnumChip enumName="AspirationStatus" value={aspiration.status as string} />
    <Typography variant="body2">{aspiration.content as string}</Typography>
  </Stack>
);

const VisitItem = ({
  visit,
  heard,
  last,
}: {
  visit: RaRecord;
  heard: RaRecord[];
  last: boolean;
}) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <Box component="li" sx={{ display: 'flex', gap: 2 }} data-testid={`visit-${visit.id}`}>
      <Box
        aria-hidden
        sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 1.5 }}
      >
        <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: 'primary.main' }} />
        {!last && <Box sx={{ flexGrow: 1, width: 2, bgcolor: 'divider', mt: 0.5 }} />}
      </Box>
      <Paper variant="outlined" sx={{ flexGrow: 1, p: 2, mb: 2 }}>
        <RecordContextProvider value={visit}>
          <Stack spacing={1}>
            <Stack
              direction={{ xs: 'column', sm: 'row' }}
              spacing={1}
              sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between' }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
                <MuiLink
                  component={Link}
                  to={createPath({ resource: 'Visit', id: visit.id, type: 'show' })}
                  variant="subtitle1"
                  sx={{ fontWeight: 700 }}
                >
                  {formatDay(visit.visitDate)}
                </MuiLink>
                <ReferenceField source="groupId" reference="SupportGroup" />
              </Stack>
              <CreateRelatedButton
                resource="Aspiration"
                values={{
                  householdId: visit.householdId,
                  visitId: visit.id,
                  recordedDate: visit.visitDate,
                }}
                label="app.action.add_aspiration"
                data-testid={`add-aspiration-${visit.id}`}
              />
            </Stack>
            <StaffChips source="participantIds" />
            {visit.findings ? (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
                {visit.findings as string}
              </Typography>
            ) : null}
            {heard.length > 0 && (
              <Box>
                <Typography variant="overline" color="text.secondary">
                  {translate('app.household.heard')}
                </Typography>
                <Stack spacing={1}>
                  {heard.map((aspiration) => (
                    <HeardAspiration key={aspiration.id} aspiration={aspiration} />
                  ))}
                </Stack>
              </Box>
            )}
          </Stack>
        </RecordContextProvider>
      </Paper>
    </Box>
  );
};

/** The household's visits, newest first, each with its findings and the aspirations heard. */
export const VisitTimeline = ({ householdId }: { householdId: Identifier }) => {
  const translate = useTranslate();
  const visits = useGetManyReference('Visit', {
    target: 'householdId',
    id: householdId,
    pagination: ALL,
    sort: { field: 'visitDate', order: 'DESC' },
  });
  const aspirations = useGetManyReference('Aspiration', {
    target: 'householdId',
    id: householdId,
    pagination: ALL,
    sort: { field: 'recordedDate', order: 'DESC' },
  });
  if (visits.error) return <Alert severity="error">{visits.error.message}</Alert>;
  if (visits.isPending) return <Skeleton variant="rectangular" height={120} />;
  if (visits.data.length === 0) {
    return <Typography color="text.secondary">{translate('app.household.no_visits')}</Typography>;
  }
  return (
    <ResourceContextProvider value="Visit">
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="visit-timeline">
        {visits.data.map((visit, index) => (
          <VisitItem
            key={visit.id}
            visit={visit}
            last={index === visits.data.length - 1}
            heard={(aspirations.data ?? []).filter((a) => a.visitId === visit.id)}
          />
        ))}
      </Box>
    </ResourceContextProvider>
  );
};
