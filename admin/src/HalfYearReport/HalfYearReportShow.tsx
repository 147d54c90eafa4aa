import { Box, Card, CardContent, Typography } from '@mui/material';
import { Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { ReferenceField } from '../common/references';
import { EnumChipField } from '../common/EnumChip';
import { HalfYearField, MomentField } from '../common/fields';
import { Section } from '../common/views';
import { ReportActions } from './ReportActions';
import { RecordHistory } from '../AuditEntry/RecordHistory';

const FIGURES = [
  'visitCount',
  'householdsVisited',
  'planStepsDone',
  'aspirationsRelayed',
  'aspirationsResolved',
] as const;

/** The period's figures, counted by the server from the records. */
const Figures = () => {
  const report = useRecordContext();
  const translate = useTranslate();
  if (!report) return null;
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
      }}
    >
      {FIGURES.map((figure) => (
        <Card key={figure} variant="outlined">
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {translate(`resources.HalfYearReport.fields.${figure}`)}
            </Typography>
            <Typography variant="h4" component="p" data-testid={`report-${figure}`}>
              {report[figure] as number}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
};

export const HalfYearReportShow = () => (
  <Show actions={<ReportActions />}>
    <SimpleShowLayout>
      <ReferenceField source="groupId" reference="SupportGroup" />
      <HalfYearField label="app.report.period" />
      <EnumChipField source="status" enumName="ReportStatus" testIdPrefix="report-status-" />
      <Section title="app.report.figures">
        <Figures />
      </Section>
      <TextField source="narrative" sx={{ whiteSpace: 'pre-line' }} />
      <MomentField source="submittedAt" />
      <MomentField source="reopenedAt" />
      <TextField source="reopenReason" />
      <MomentField source="updatedAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
