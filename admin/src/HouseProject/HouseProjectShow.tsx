import {
  Box,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  DataTable,
  DeleteButton,
  EditButton,
  NumberField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import {
  HOUSE_PROJECT_STAGES,
  houseConditionChoices,
  houseFundingSourceChoices,
  type HouseFundingSource,
  type HouseProjectStage,
} from '../common/choices';
import { CreateRelatedButton } from '../common/CreateRelatedButton';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MomentField, MoneyCol, MoneyField } from '../common/fields';
import { formatDay, formatMoney } from '../common/formatters';
import { Section } from '../common/views';
import { RecordHistory } from '../AuditEntry/RecordHistory';
import { AdvanceStageButton } from './AdvanceStageButton';

const PREFIX: Record<HouseProjectStage, string> = {
  SURVEYED: 'surveyed',
  APPROVED: 'approved',
  BUILDING: 'building',
  HANDED_OVER: 'handedOver',
};

const Actions = () => {
  const record = useRecordContext();
  return (
    <TopToolbar>
      <AdvanceStageButton />
      <EditButton />
      {record?.stage === 'SURVEYED' && <DeleteButton mutationMode="pessimistic" />}
    </TopToolbar>
  );
};

/** The four stages in order: each one's date and who confirmed it, the current one open. */
const Stages = () => {
  const project = useRecordContext();
  const translate = useTranslate();
  if (!project) return null;
  const current = HOUSE_PROJECT_STAGES.indexOf(project.stage as HouseProjectStage);
  return (
    <Section title="app.house.stages">
      <Stepper orientation="vertical" activeStep={current} data-testid="house-stages">
        {HOUSE_PROJECT_STAGES.map((stage, index) => {
          const prefix = PREFIX[stage];
          const date = project[`${prefix}Date`] as string | null;
          const by = project[`${prefix}ConfirmedBy`] as string | null;
          const position = project[`${prefix}ConfirmerPosition`] as string | null;
          return (
            <Step key={stage} completed={index <= current} expanded>
              <StepLabel>{translate(`enums.HouseProjectStage.${stage}`)}</StepLabel>
              <StepContent>
                <Typography variant="body2" data-testid={`stage-${stage}`}>
                  {date
                    ? translate('app.house.confirmed_on', {
                        date: formatDay(date),
                        by: position ? `${by}, ${position}` : by,
                      })
                    : translate('app.house.not_yet')}
                </Typography>
              </StepContent>
            </Step>
          );
        })}
      </Stepper>
    </Section>
  );
};

interface BySource {
  source: HouseFundingSource;
  amount: number;
  workdays: number;
  lineCount: number;
}

/** The budget by source with its total against the estimated cost, then its lines. */
const Budget = () => {
  const project = useRecordContext();
  const translate = useTranslate();
  if (!project) return null;
  const bySource = (project.budgetBySource as BySource[] | undefined) ?? [];
  const total = Number(project.budgetTotal ?? 0);
  const cost = Number(project.estimatedCost ?? 0);
  return (
    <Section title="app.house.budget">
      <Table size="small" sx={{ maxWidth: 640, mb: 1 }} data-testid="house-budget">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.HouseProjectFunding.fields.source')}</TableCell>
            <TableCell align="right">
              {translate('resources.HouseProjectFunding.fields.amount')}
            </TableCell>
            <TableCell align="right">
              {translate('resources.HouseProjectFunding.fields.workdays')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {bySource.map((row) => (
            <TableRow key={row.source}>
              <TableCell>{translate(`enums.HouseFundingSource.${row.source}`)}</TableCell>
              <TableCell align="right">{formatMoney(row.amount)}</TableCell>
              <TableCell align="right">
                {row.source === 'WORKDAYS' ? row.workdays.toLocaleString('vi-VN') : ''}
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell sx={{ fontWeight: 600 }}>{translate('app.house.budget_total')}</TableCell>
            <TableCell align="right" sx={{ fontWeight: 600 }} data-testid="budget-total">
              {formatMoney(total)}
            </TableCell>
            <TableCell />
          </TableRow>
          <TableRow>
            <TableCell>{translate('resources.HouseProject.fields.estimatedCost')}</TableCell>
            <TableCell align="right">{formatMoney(cost)}</TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
      <Typography
        variant="body2"
        color={total >= cost ? 'success.main' : 'warning.main'}
        sx={{ mb: 1 }}
      >
        {translate(total >= cost ? 'app.house.covered' : 'app.house.not_covered', {
          missing: formatMoney(Math.max(0, cost - total)),
        })}
      </Typography>
      {project.stage !== 'HANDED_OVER' && (
        <CreateRelatedButton
          resource="HouseProjectFunding"
          values={{ projectId: project.id }}
          label="app.house.add_funding"
        />
      )}
      <ReferenceManyField
        reference="HouseProjectFunding"
        target="projectId"
        perPage={100}
        sort={{ field: 'createdAt', order: 'ASC' }}
      >
        <DataTable rowClick="edit" bulkActionButtons={false}>
          <DataTable.Col source="source">
            <SelectField source="source" choices={houseFundingSourceChoices} />
          </DataTable.Col>
          <MoneyCol source="amount" />
          <DataTable.Col source="disbursementId">
            <ReferenceField source="disbursementId" reference="Disbursement" emptyText="" />
          </DataTable.Col>
          <DataTable.Col source="donationId">
            <ReferenceField source="donationId" reference="Donation" emptyText="" />
          </DataTable.Col>
          <DataTable.Col source="programmeName" />
          <DataTable.NumberCol source="workdays" locales="vi-VN" />
          <DataTable.Col source="note" />
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

const Assessment = () => (
  <Section title="app.house.assessment">
    <SimpleShowLayout sx={{ p: 0 }}>
      <DayField source="assessmentDate" />
      <TextField source="assessedBy" emptyText="—" />
      <SelectField source="houseCondition" choices={houseConditionChoices} emptyText="—" />
      <TextField source="wallMaterial" emptyText="—" />
      <TextField source="roofMaterial" emptyText="—" />
      <TextField source="floorMaterial" emptyText="—" />
      <NumberField source="floorArea" locales="vi-VN" emptyText="—" />
      <NumberField source="occupants" locales="vi-VN" emptyText="—" />
      <TextField source="assessmentNotes" emptyText="—" />
    </SimpleShowLayout>
  </Section>
);

const Handover = () => {
  const project = useRecordContext();
  if (project?.stage !== 'HANDED_OVER') return null;
  return (
    <Section title="app.house.handover">
      <SimpleShowLayout sx={{ p: 0 }}>
        <DayField source="handedOverDate" />
        <TextField source="handoverMinutesNumber" />
        <TextField source="handoverGiver" />
        <TextField source="handoverReceiver" />
        <TextField source="handoverNotes" emptyText="—" />
        <ReferenceField source="progressEntryId" reference="ProgressEntry" link="show" />
      </SimpleShowLayout>
    </Section>
  );
};

export const HouseProjectShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <ReferenceField source="householdId" reference="Household" />
      <ReferenceField source="commitmentId" reference="Commitment" />
      <EnumChipField source="stage" enumName="HouseProjectStage" testIdPrefix="stage-chip-" />
      <MoneyField source="estimatedCost" />
      <TextField source="notes" emptyText="—" />
      <Box>
        <Assessment />
        <Budget />
        <Stages />
        <Handover />
      </Box>
      <MomentField source="updatedAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
