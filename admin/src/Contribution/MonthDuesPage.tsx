import { useState } from 'react';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Title,
  useDataProvider,
  useGetIdentity,
  useGetList,
  useNotify,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { formatDay, formatMoney, parseDay, todayIso } from '../common/formatters';
import type { MonthDuesResult } from '../Fund/fundOperations';
import type { AppDataProvider } from '../providers/dataProvider';
import { formatMonth, parseMonth } from '../Fund/month';

/** The first day of the current month, `YYYY-MM-01`. */
const thisMonth = () => `${todayIso().slice(0, 7)}-01`;

/** The rank only explains the amount due: on a phone the amounts need the width. */
const HIDDEN_ON_PHONE = { display: { xs: 'none', sm: 'table-cell' } };

const COLUMNS = ['staffMember', 'titleRank', 'expected', 'paid', 'arrears'] as const;

/**
 * "Thu đóng góp theo tháng": everyone's dues of one month on one screen; those ticked (by default
 * everyone who has not paid yet) are recorded as paid at once.
 */
export const MonthDuesPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const funds = useGetList('Fund', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name', 'organizationId'] },
  });
  const { identity } = useGetIdentity();
  const [chosenFundId, setFundId] = useState<string>();
  // An officer opens the page to collect their own agency's dues, not the first fund by name.
  const ownFund = funds.data?.find(
    (fund) => identity?.organizationId && fund.organizationId === identity.organizationId,
  );
  const fundId = chosenFundId ?? ((ownFund ?? funds.data?.[0])?.id as string | undefined);
  // Typed as people write them (06/2014, 29/11/2026) whatever the browser's language.
  const [monthText, setMonthText] = useState(() => formatMonth(thisMonth()));
  const [paidText, setPaidText] = useState(() => formatDay(todayIso()));
  const month = parseMonth(monthText) ?? '';
  const paidDate = parseDay(paidText) ?? '';
  const validPaidDate = /^\d{4}-\d{2}-\d{2}$/.test(paidDate);
  /** Everyone who has not paid yet is ticked, except those the user unticked. */
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<MonthDuesResult>();
  const [busy, setBusy] = useState(false);
  const validMonth = /^\d{4}-\d{2}-01$/.test(month);

  const dues = useQuery({
    queryKey: ['Contribution', 'dues', fundId, month],
    queryFn: () => dataProvider.fundDues(fundId as string, month, month),
    enabled: fundId != null && validMonth,
    refetchOnMount: 'always',
  });

  const toggle = (id: string) =>
    setUnticked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const lines = dues.data ?? [];
  const unpaid = lines.filter((l) => l.paid === 0);
  const checked = new Set(unpaid.map((l) => l.staffMemberId).filter((id) => !unticked.has(id)));

  const record = async () => {
    if (!fundId) return;
    setBusy(true);
    setResult(undefined);
    try {
      const outcome = await dataProvider.recordMonthDues(fundId, month, paidDate, [...checked]);
      setResult(outcome);
      notify('app.dues.recorded', {
        type: 'success',
        messageArgs: { smart_count: outcome.recorded },
      });
      await dues.refetch();
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const allChecked = unpaid.length > 0 && unpaid.every((l) => checked.has(l.staffMemberId));

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.dues.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('app.dues.help')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
          <TextField
            select
            size="small"
            label={translate('app.dues.fund')}
            value={fundId ?? ''}
            onChange={(event) => setFundId(event.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'dues-fund' } }}
            sx={{ minWidth: { sm: 320 } }}
          >
            {funds.data?.map((fund) => (
              <option key={fund.id} value={fund.id}>
                {fund.name as string}
              </option>
            ))}
          </TextField>
          <TextField
            size="small"
            label={translate('app.dues.month')}
            value={monthText}
            onChange={(event) => setMonthText(event.target.value)}
            error={!validMonth}
            helperText={validMonth ? undefined : translate('app.fund.month_format')}
            slotProps={{
              htmlInput: {
                'data-testid': 'dues-month',
                placeholder: 'mm/yyyy',
                inputMode: 'numeric',
              },
            }}
          />
          <TextField
            size="small"
            label={translate('app.dues.paid_date')}
            value={paidText}
            onChange={(event) => setPaidText(event.target.value)}
            error={!validPaidDate}
            helperText={validPaidDate ? undefined : translate('app.validation.date_format')}
            slotProps={{
              htmlInput: {
                'data-testid': 'dues-paid-date',
                placeholder: 'dd/mm/yyyy',
                inputMode: 'numeric',
              },
            }}
          />
        </Stack>
        {dues.error ? (
          <Alert severity="error">{dues.error.message}</Alert>
        ) : dues.isPending && fundId != null && validMonth ? (
          <Skeleton variant="rectangular" height={240} />
        ) : lines.length === 0 ? (
          <Typography color="text.secondary">{translate('app.dues.none')}</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table
              size="small"
              aria-label={translate('app.dues.title')}
              sx={{ '& .MuiTableCell-root': { px: { xs: 0.75, sm: 2 } } }}
            >
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={allChecked}
                      indeterminate={!allChecked && checked.size > 0}
                      disabled={unpaid.length === 0}
                      onChange={() =>
                        setUnticked(
                          allChecked ? new Set(unpaid.map((l) => l.staffMemberId)) : new Set(),
                        )
                      }
                      slotProps={{ input: { 'aria-label': translate('ra.action.select_all') } }}
                    />
                  </TableCell>
                  {COLUMNS.map((column) => (
                    <TableCell
                      key={column}
                      align={
                        column === 'staffMember' || column === 'titleRank' ? undefined : 'right'
                      }
                      sx={column === 'titleRank' ? HIDDEN_ON_PHONE : undefined}
                    >
                      {translate(`app.fund.columns.${column}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map((line) => {
                  const paid = line.paid > 0;
                  return (
                    <TableRow
                      key={line.staffMemberId}
                      data-testid={`dues-row-${line.staffMemberId}`}
                      data-paid={paid}
                      hover
                    >
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={checked.has(line.staffMemberId)}
                          disabled={paid}
                          onChange={() => toggle(line.staffMemberId)}
                          slotProps={{ input: { 'aria-label': line.staffMember.fullName } }}
                        />
                      </TableCell>
                      <TableCell component="th" scope="row">
                        {line.staffMember.fullName}
                      </TableCell>
                      <TableCell sx={HIDDEN_ON_PHONE}>
                        {translate(`enums.TitleRank.${line.titleRank}`)}
                      </TableCell>
                      <TableCell align="right">{formatMoney(line.expected)}</TableCell>
                      <TableCell align="right" sx={{ color: paid ? 'success.main' : undefined }}>
                        {formatMoney(line.paid)}
                      </TableCell>
                      <TableCell
                        align="right"
                        data-testid={`dues-arrears-${line.staffMemberId}`}
                        sx={{ color: line.arrears > 0 ? 'error.main' : undefined }}
                      >
                        {formatMoney(line.arrears)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
        <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            startIcon={<SaveIcon />}
            data-testid="dues-record"
            disabled={busy || !fundId || !validMonth || !validPaidDate || checked.size === 0}
            onClick={() => void record()}
          >
            {translate('app.dues.record', { smart_count: checked.size })}
          </Button>
          {result && (
            <Alert severity="success" data-testid="dues-result">
              {translate('app.dues.result', {
                smart_count: result.recorded,
                amount: formatMoney(result.amountRecorded),
              })}
              {result.alreadyPaid > 0 &&
                ` ${translate('app.dues.already_paid', { smart_count: result.alreadyPaid })}`}
            </Alert>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
