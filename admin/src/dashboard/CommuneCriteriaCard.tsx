import { useState } from 'react';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useGetList, useGetMany, useTranslate } from 'react-admin';
import { AccessibleLink } from '../common/AccessibleLink';
import { graphqlRequest } from '../providers/graphqlRequest';

type Status = 'MET' | 'NOT_MET' | 'NOT_ASSESSED' | 'NOT_IN_FORCE';

interface Overview {
  years: number[];
  rows: {
    criterion: { id: string; number: string; name: string };
    criteriaSet: { id: string; code: string; legalAct: string };
    lineageId: string;
    cells: { year: number; status: Status; assessmentId: string | null }[];
  }[];
}

const OVERVIEW = `query ($communeId: ID!) {
  o: communeCriteriaOverview(communeId: $communeId) {
    years
    rows {
      criterion { id number name }
      criteriaSet { id code legalAct }
      lineageId
      cells { year status assessmentId }
    }
  }
}`;

const COLORS: Record<Status, string> = {
  MET: 'success.main',
  NOT_MET: 'error.main',
  NOT_ASSESSED: 'text.secondary',
  NOT_IN_FORCE: 'text.disabled',
};
const SHORT: Record<Status, string> = {
  MET: '✓',
  NOT_MET: '✗',
  NOT_ASSESSED: '?',
  NOT_IN_FORCE: '—',
};

/**
 * "Tiêu chí nông thôn mới của xã": the criteria the commune's area-4 commitments act on, and those
 * that took them over in later sets, year by year; a met or unmet cell opens its assessment.
 */
export const CommuneCriteriaCard = () => {
  const translate = useTranslate();
  // A picker of communes: the partnerships' communes, drawn by their names.
  const partnerships = useGetList('Partnership', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'communeId'] },
  });
  const communeIds = [...new Set((partnerships.data ?? []).map((p) => String(p.communeId)))];
  const communes = useGetMany('AdministrativeUnit', {
    ids: communeIds,
    meta: { sparseFields: ['id', 'name'] },
  });
  const [chosen, setChosen] = useState<string>();
  const communeId = chosen ?? communeIds[0];
  const { data } = useQuery({
    queryKey: ['CriterionAssessment', 'communeCriteriaOverview', communeId],
    queryFn: () =>
      graphqlRequest<{ o: Overview }>(OVERVIEW, { communeId }).then((result) => result.o),
    enabled: communeId != null,
    refetchOnMount: 'always',
  });
  return (
    <Card data-testid="dashboard-commune-criteria">
      <CardHeader title={translate('app.dashboard.commune_criteria')} />
      <CardContent>
        {communeIds.length === 0 && partnerships.isSuccess && (
          <Typography color="text.secondary">{translate('app.dashboard.no_commune')}</Typography>
        )}
        {communeId != null && (
          <TextField
            id="dashboard-criteria-commune"
            select
            size="small"
            label={translate('app.dashboard.commune')}
            value={communeId}
            onChange={(event) => setChosen(event.target.value)}
            sx={{ minWidth: 260, mb: 2 }}
          >
            {communeIds.map((id) => (
              <MenuItem key={id} value={id}>
                {communes.data?.find((c) => String(c.id) === id)?.name ?? id}
              </MenuItem>
            ))}
          </TextField>
        )}
        {data && data.rows.length === 0 && (
          <Typography color="text.secondary">{translate('app.dashboard.no_criteria')}</Typography>
        )}
        {data && data.rows.length > 0 && (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="commune-criteria-table">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.dashboard.criterion')}</TableCell>
                  {data.years.map((year) => (
                    <TableCell key={year} align="center">
                      {year}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((row) => (
                  <TableRow key={row.criterion.id}>
                    <TableCell sx={{ minWidth: 240 }}>
                      <AccessibleLink
                        resource="Criterion"
                        action="show"
                        to={`/Criterion/${row.criterion.id}/show`}
                      >
                        {translate('app.dashboard.criterion_label', {
                          number: row.criterion.number,
                          name: row.criterion.name,
                        })}
                      </AccessibleLink>
                      <Typography variant="caption" color="text.secondary" component="div">
                        {row.criteriaSet.legalAct}
                      </Typography>
                    </TableCell>
                    {row.cells.map((cell) => {
                      const label = translate(`enums.CriterionYearStatus.${cell.status}`);
                      const testId = `criteria-cell-${row.criterion.id}-${cell.year}`;
                      return (
                        <TableCell
                          key={cell.year}
                          align="center"
                          title={`${cell.year}: ${label}`}
                          sx={{ color: COLORS[cell.status], fontWeight: 600 }}
                        >
                          {cell.assessmentId ? (
                            <AccessibleLink
                              resource="CriterionAssessment"
                              action="show"
                              to={`/CriterionAssessment/${cell.assessmentId}/show`}
                            >
                              <span data-testid={testId} aria-label={`${cell.year}: ${label}`}>
                                {SHORT[cell.status]}
                              </span>
                            </AccessibleLink>
                          ) : (
                            <span data-testid={testId} aria-label={`${cell.year}: ${label}`}>
                              {SHORT[cell.status]}
                            </span>
                          )}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography variant="caption" color="text.secondary">
              {translate('app.dashboard.criteria_legend')}
            </Typography>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
