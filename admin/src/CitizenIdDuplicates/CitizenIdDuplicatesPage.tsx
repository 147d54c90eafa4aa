import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  CardContent,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Loading, Title, useCreatePath, useDataProvider, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider';

/** A moment as the day it was in Vietnam, `30/06/2014`. */
const vietnamDay = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * Citizen IDs entered for more than one person. An agency cannot see another's members, so it may
 * enter an ID already registered elsewhere; the administrator checks the people here and corrects
 * the wrong one, after which the item leaves the list.
 */
export const CitizenIdDuplicatesPage = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['HouseholdMember', 'citizenIdDuplicates'],
    queryFn: () => dataProvider.citizenIdDuplicates(),
  });
  return (
    <Card>
      <Title title="app.duplicates.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('app.duplicates.help')}
        </Typography>
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{translate('ra.notification.http_error')}</Alert>
        ) : data.length === 0 ? (
          <Alert severity="success" data-testid="no-duplicates">
            {translate('app.duplicates.none')}
          </Alert>
        ) : (
          <Table size="small" data-testid="citizen-id-duplicates">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.duplicates.citizen_id')}</TableCell>
                <TableCell>{translate('app.duplicates.members')}</TableCell>
                <TableCell>{translate('app.duplicates.last_changed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((item) => (
                <TableRow key={item.members.map((m) => m.id).join()}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{item.citizenIdMasked}</TableCell>
                  <TableCell>
                    <Stack spacing={0.5}>
                      {item.members.map((member) => (
                        <span key={member.id}>
                          <Link
                            component={RouterLink}
                            to={createPath({
                              resource: 'HouseholdMember',
                              id: member.id,
                              type: 'show',
                            })}
                          >
                            {member.fullName}
                          </Link>
                          {' · '}
                          <Link
                            component={RouterLink}
                            to={createPath({
                              resource: 'Household',
                              id: member.householdId,
                              type: 'show',
                            })}
                          >
                            {translate('app.duplicates.household', {
                              name: member.household?.headName ?? '—',
                            })}
                          </Link>
                        </span>
                      ))}
                    </Stack>
                  </TableCell>
                  <TableCell>{vietnamDay.format(new Date(item.lastChangedAt))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
