import { useState } from 'react';
import {
  Alert,
  Box,
  Link as MuiLink,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  DataTable,
  Link,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { formatMoney } from '../common/formatters';
import { Section, ShowActions } from '../common/views';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { FundOverviewPanel } from './FundOverviewPanel';
import { useFundArrears } from './fundOperations';
import { FIRST_FUND_YEAR, MonthField, YearSelect } from './month';
import { RecordHistory } from '../AuditEntry/RecordHistory';

const ARREARS_COLUMNS = ['staffMember', 'months', 'expected', 'paid', 'arrears'] as const;

const ArrearsTable = ({ year }: { year: number }) => {
  const fund = useRecordContext();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data, error, isPending } = useFundArrears(fund?.id, year);
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (isPending) return <Skeleton variant="rectangular" height={120} />;
  if (data.length === 0)
    return <Typography color="text.secondary">{translate('app.fund.no_dues')}</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('app.fund.arrears_by_person')}>
        <TableHead>
          <TableRow>
            {ARREARS_COLUMNS.map((column) => (
              <TableCell key={column} align={column === 'staffMember' ? undefined : 'right'}>
                {translate(`app.fund.columns.${column}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((line) => (
            <TableRow key={line.staffMemberId} data-testid={`arrears-${line.staffMemberId}`}>
              <TableCell component="th" scope="row">
                <MuiLink
                  component={Link}
                  to={createPath({ resource: 'StaffMember', id: line.staffMemberId, type: 'show' })}
                >
                  {line.staffMember.fullName}
                </MuiLink>
              </TableCell>
              <TableCell align="right">{line.months}</TableCell>
              <TableCell align="right">{formatMoney(line.expected)}</TableCell>
              <TableCell align="right">{formatMoney(line.paid)}</TableCell>
              <TableCell
                align="right"
                sx={{ color: line.arrears > 0 ? 'error.main' : undefined, fontWeight: 500 }}
              >
                {formatMoney(line.arrears)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const Rates = () => {
  const fund = useRecordContext();
  if (!fund) return null;
  return (
    <>
      <ReferenceManyField
        reference="ContributionRate"
        target="fundId"
        sort={{ field: 'validFrom', order: 'DESC' }}
        perPage={100}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="titleRank">
            <SelectField source="titleRank" choices={titleRankChoices} />
          </DataTable.Col>
          <MoneyCol source="monthlyAmount" />
          <DataTable.Col source="validFrom" field={MonthField} />
          <DataTable.Col source="validTo" field={DayField} />
        </DataTable>
      </ReferenceManyField>
      <CreateRelatedButton
        resource="ContributionRate"
        values={{ fundId: fund.id }}
        label="app.action.add_rate"
      />
    </>
  );
};

/** The year's figures and arrears, for a year picked on the page (the demo data is in 2014). */
const YearFigures = () => {
  const fund = useRecordContext();
  const translate = useTranslate();
  const [year, setYear] = useState(() => Math.max(FIRST_FUND_YEAR, new Date().getFullYear()));
  if (!fund) return null;
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 2 }}>
        <YearSelect value={year} onChange={setYear} testId="fund-year" />
        {year !== FIRST_FUND_YEAR && (
          <MuiLink component="button" type="button" onClick={() => setYear(FIRST_FUND_YEAR)}>
            {translate('app.fund.year_of', { year: FIRST_FUND_YEAR })}
          </MuiLink>
        )}
      </Box>
      <FundOverviewPanel fundId={fund.id} year={year} />
      <Typography variant="h6" component="h2" gutterBottom sx={{ mt: 3 }}>
        {translate('app.fund.arrears_by_person')} ({year})
      </Typography>
      <ArrearsTable year={year} />
    </Box>
  );
};

export const FundShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="organizationId" reference="Organization" />
      <ReferenceField source="planId" reference="Plan" />
      <MoneyField source="balance" />
      <MoneyField source="approvalThreshold" emptyText="—" />
      <TextField source="notes" />
      <Section title="app.fund.year_figures">
        <YearFigures />
      </Section>
      <Section title="app.fund.rates">
        <Rates />
      </Section>
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
