import {
  Alert,
  Box,
  LinearProgress,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCreatePath, useTranslate, type Identifier } from 'react-admin';
import { AccessibleLink } from '../common/AccessibleLink';
import { ProgressStatusChip } from '../common/ProgressStatusChip';
import { COMMITMENT_AREAS } from '../common/choices';
import { useMemorandumProgress, type AreaProgress } from './progress';

const COLUMNS = ['area', 'commitments', 'target', 'achieved', 'percent', 'status'] as const;

const unitOf = (area: AreaProgress) => {
  const units = new Set(area.commitments.map((c) => c.targetUnit).filter(Boolean));
  return units.size === 1 ? ` ${[...units][0]}` : '';
};

const CommitmentLinks = ({ area }: { area: AreaProgress }) => {
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (area.commitments.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.progress.none')}
      </Typography>
    );
  }
  return (
    <Stack component="ul" sx={{ m: 0, pl: 2 }}>
      {area.commitments.map((commitment) => (
        <li key={commitment.id}>
          <AccessibleLink
            resource="Commitment"
            action="show"
            to={createPath({ resource: 'Commitment', id: commitment.id, type: 'show' })}
            variant="body2"
          >
            {commitment.title}
          </AccessibleLink>
        </li>
      ))}
    </Stack>
  );
};

const AreaRow = ({ area }: { area: AreaProgress }) => {
  const translate = useTranslate();
  return (
    <TableRow data-testid={`area-progress-${area.area}`}>
      <TableCell component="th" scope="row">
        {translate(`enums.CommitmentArea.${area.area}`)}
      </TableCell>
      <TableCell>
        <CommitmentLinks area={area} />
      </TableCell>
      <TableCell align="right">
        {area.targetQuantity == null ? '—' : `${area.targetQuantity}${unitOf(area)}`}
      </TableCell>
      <TableCell align="right" data-testid={`area-achieved-${area.area}`}>
        {area.achievedQuantity}
      </TableCell>
      <TableCell sx={{ minWidth: 140 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Box sx={{ flexGrow: 1 }}>
            <LinearProgress
              variant="determinate"
              value={area.percent}
              aria-label={translate('app.progress.percent')}
            />
          </Box>
          <Typography variant="body2" data-testid={`area-percent-${area.area}`}>
            {area.percent}%
          </Typography>
        </Stack>
      </TableCell>
      <TableCell>
        <ProgressStatusChip status={area.status} data-testid={`area-status-${area.area}`} />
      </TableCell>
    </TableRow>
  );
};

/** The five commitment areas of a memorandum, always in the memorandum's order. */
export const AreaProgressTable = ({ memorandumId }: { memorandumId: Identifier | undefined }) => {
  const translate = useTranslate();
  const { data, error, isPending } = useMemorandumProgress(memorandumId);
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (isPending) return <Skeleton variant="rectangular" height={240} />;
  const areas = COMMITMENT_AREAS.map((name) =>
    data.areas.find((area) => area.area === name),
  ).filter((area): area is AreaProgress => area !== undefined);
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate('app.progress.overall', { percent: data.percent })}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('app.progress.title')}>
          <TableHead>
            <TableRow>
              {COLUMNS.map((column) => (
                <TableCell
                  key={column}
                  align={column === 'target' || column === 'achieved' ? 'right' : undefined}
                  sx={{ whiteSpace: 'nowrap' }}
                >
                  {translate(`app.progress.${column}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {areas.map((area) => (
              <AreaRow key={area.area} area={area} />
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
};
