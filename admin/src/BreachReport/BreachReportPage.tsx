import { useState } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import {
  AutocompleteInput,
  Form,
  TextInput,
  Title,
  required,
  useCreatePath,
  useDataProvider,
  useNotify,
  useTranslate,
} from 'react-admin';
import { ReferenceInput } from '../common/references';
import type { BreachReport } from '../providers/adminOperations';
import type { AppDataProvider } from '../providers/dataProvider';

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as `<input type="datetime-local">` holds it, in the browser's time zone. */
const localInput = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** `22/04/2014 08:30`, in the browser's time zone. */
const formatMoment = (iso: string) => {
  const date = new Date(iso);
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** Copies with the Clipboard API, or by selecting a hidden text area where that API is missing. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

interface Criteria {
  userId?: string;
  from: string;
  to: string;
}

const Households = ({ report }: { report: BreachReport }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (report.households.length === 0) {
    return <Typography color="text.secondary">{translate('app.breach.no_households')}</Typography>;
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="breach-households">
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.breach.columns.headName')}</TableCell>
            <TableCell>{translate('app.breach.columns.villageName')}</TableCell>
            <TableCell align="right">{translate('app.breach.columns.reads')}</TableCell>
            <TableCell>{translate('app.breach.columns.firstReadAt')}</TableCell>
            <TableCell>{translate('app.breach.columns.lastReadAt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.households.map((household) => (
            <TableRow key={household.householdId}>
              <TableCell>
                {household.headName ? (
                  <Link
                    component={RouterLink}
                    to={createPath({
                      resource: 'Household',
                      type: 'show',
                      id: household.householdId,
                    })}
                  >
                    {household.headName}
                  </Link>
                ) : (
                  translate('app.breach.deleted_household')
                )}
              </TableCell>
              <TableCell>{household.villageName ?? '—'}</TableCell>
              <TableCell align="right">{household.reads}</TableCell>
              <TableCell>{formatMoment(household.firstReadAt)}</TableCell>
              <TableCell>{formatMoment(household.lastReadAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const Notification = ({ text }: { text: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    const copied = await copyText(text);
    notify(copied ? 'app.breach.copied' : 'app.breach.copy_failed', {
      type: copied ? 'info' : 'warning',
    });
  };
  return (
    <Stack spacing={1}>
      <TextField
        label={translate('app.breach.notification')}
        value={text}
        multiline
        minRows={8}
        fullWidth
        slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'breach-notification' } }}
      />
      <Box>
        <Button
          variant="outlined"
          startIcon={<ContentCopyIcon />}
          onClick={() => void copy()}
          data-testid="breach-copy"
        >
          {translate('app.breach.copy')}
        </Button>
      </Box>
    </Stack>
  );
};

/**
 * "Báo cáo sự cố lộ lọt dữ liệu": the households whose personal data one account read between two
 * moments (from the access log), and a draft notification to the A05 department, due within 72 h.
 */
export const BreachReportPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [searchParams] = useSearchParams();
  const [report, setReport] = useState<BreachReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const now = new Date();
  const defaults: Criteria = {
    userId: searchParams.get('userId') ?? undefined,
    from: localInput(new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000)),
    to: localInput(now),
  };

  const run = async (values: Record<string, unknown>) => {
    const criteria = values as unknown as Criteria;
    const from = new Date(criteria.from);
    const to = new Date(criteria.to);
    if (!criteria.userId) return;
    if (!(from < to)) {
      setError(translate('app.breach.range_invalid'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      setReport(
        await dataProvider.breachReport(criteria.userId, from.toISOString(), to.toISOString()),
      );
    } catch (failure) {
      setReport(null);
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.breach.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('app.breach.help')}
        </Typography>
        <Form
          defaultValues={defaults}
          onSubmit={(values: Record<string, unknown>) => void run(values)}
        >
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'start' }}>
            <ReferenceInput
              source="userId"
              reference="User"
              sort={{ field: 'username', order: 'ASC' }}
            >
              <AutocompleteInput
                label="app.breach.user"
                validate={required()}
                sx={{ minWidth: 280 }}
              />
            </ReferenceInput>
            <DateTimeField source="from" label="app.breach.from" />
            <DateTimeField source="to" label="app.breach.to" />
            <Button
              type="submit"
              variant="contained"
              startIcon={<SearchIcon />}
              disabled={pending}
              sx={{ mt: 1, whiteSpace: 'nowrap', flexShrink: 0 }}
              data-testid="breach-run"
            >
              {translate('app.breach.run')}
            </Button>
          </Stack>
        </Form>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {report && (
          <Stack spacing={2} sx={{ mt: 2 }} data-testid="breach-report">
            <Typography>
              {translate('app.breach.summary', {
                username: report.username,
                access: report.accessCount,
                exports: report.exportCount,
                reveals: report.revealCount,
                from: formatMoment(report.from),
                to: formatMoment(report.to),
              })}
            </Typography>
            <Typography variant="h6" component="h2">
              {translate('app.breach.households', { smart_count: report.households.length })}
            </Typography>
            <Households report={report} />
            <Notification text={report.notificationText} />
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

/** A moment typed in the browser's time zone, kept as typed until the report is asked for. */
const DateTimeField = ({ source, label }: { source: 'from' | 'to'; label: string }) => (
  <TextInput
    source={source}
    label={label}
    type="datetime-local"
    validate={required()}
    slotProps={{ inputLabel: { shrink: true } }}
  />
);
