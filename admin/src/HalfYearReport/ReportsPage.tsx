import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  GlobalStyles,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Title, useGetList, useTranslate } from 'react-admin';
import { formatDay } from '../common/formatters';
import { downloadBase64, FILE_TYPES } from '../common/download';
import { graphqlRequest } from '../providers/graphqlRequest';
import { translateFailure } from '../providers/serverErrors';

/** A report in the administrative layout, as the server builds it for the .docx. */
interface AdministrativeDocument {
  issuer: string;
  party: boolean;
  number: string;
  place: string;
  date: string;
  dateLine: string;
  title: string;
  subtitle: string;
  sections: {
    heading: string;
    paragraphs: string[];
    table: { headers: string[]; rows: string[][] } | null;
  }[];
  recipients: string[];
  signature: { onBehalf: string | null; title: string; name: string | null };
}

interface ReportDocument {
  fileName: string;
  docx: string;
  document: AdministrativeDocument;
}

const DOCUMENT = `fileName docx document { issuer party number place date dateLine title subtitle recipients
  sections { heading paragraphs table { headers rows } } signature { onBehalf title name } }`;

type Subject = 'group' | 'organization' | 'partnership' | 'memorandum';

const RESOURCE_OF: Record<Subject, string> = {
  group: 'SupportGroup',
  organization: 'Organization',
  partnership: 'Partnership',
  memorandum: 'Memorandum',
};

const FIRST_YEAR = 2014;
const years = () => {
  const last = new Date().getFullYear();
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
};

/** The print view: the same header, body and foot as the Word file. */
const DocumentView = ({ doc }: { doc: AdministrativeDocument }) => (
  <Paper
    data-testid="report-document"
    className="printable-report"
    sx={{
      p: { xs: 2, sm: 6 },
      fontFamily: '"Times New Roman", serif',
      fontSize: 16,
      maxWidth: 900,
      mx: 'auto',
      '& p': { fontFamily: 'inherit' },
    }}
  >
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ textAlign: 'center' }}>
      <Box sx={{ flex: 4 }}>
        <Typography sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
          {doc.issuer.toUpperCase()}
        </Typography>
        <Typography sx={{ fontFamily: 'inherit' }}>*</Typography>
        <Typography sx={{ fontFamily: 'inherit' }}>{doc.number}</Typography>
      </Box>
      <Box sx={{ flex: 6 }}>
        {(doc.party
          ? ['ĐẢNG CỘNG SẢN VIỆT NAM']
          : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']
        ).map((line) => (
          <Typography key={line} sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
            {line}
          </Typography>
        ))}
      </Box>
    </Stack>
    <Typography sx={{ textAlign: 'right', fontStyle: 'italic', my: 2, fontFamily: 'inherit' }}>
      {doc.dateLine}
    </Typography>
    <Typography sx={{ textAlign: 'center', fontWeight: 'bold', fontFamily: 'inherit' }}>
      {doc.title}
    </Typography>
    <Typography sx={{ textAlign: 'center', fontWeight: 'bold', mb: 2, fontFamily: 'inherit' }}>
      {doc.subtitle}
    </Typography>
    {doc.sections.map((section) => (
      <Box key={section.heading} sx={{ mb: 2 }}>
        <Typography sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
          {section.heading}
        </Typography>
        {section.paragraphs.map((text, index) => (
          <Typography
            key={index}
            sx={{ textIndent: '1cm', textAlign: 'justify', fontFamily: 'inherit' }}
          >
            {text}
          </Typography>
        ))}
        {section.table && (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" sx={{ '& td, & th': { border: '1px solid #999' } }}>
              <TableHead>
                <TableRow>
                  {section.table.headers.map((header) => (
                    <TableCell key={header} sx={{ fontWeight: 'bold' }}>
                      {header}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {section.table.rows.map((row, index) => (
                  <TableRow key={index}>
                    {row.map((cell, column) => (
                      <TableCell key={column}>{cell}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Box>
    ))}
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 3 }}>
      <Box sx={{ flex: 4 }}>
        <Typography sx={{ fontWeight: 'bold', fontStyle: 'italic', fontFamily: 'inherit' }}>
          Nơi nhận:
        </Typography>
        {doc.recipients.map((recipient) => (
          <Typography key={recipient} variant="body2" sx={{ fontFamily: 'inherit' }}>
            - {recipient}
          </Typography>
        ))}
      </Box>
      <Box sx={{ flex: 5, textAlign: 'center' }}>
        {doc.signature.onBehalf && (
          <Typography sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
            {doc.signature.onBehalf}
          </Typography>
        )}
        <Typography sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
          {doc.signature.title.toUpperCase()}
        </Typography>
        <Typography sx={{ fontStyle: 'italic', mb: 8, fontFamily: 'inherit' }}>
          (Ký, ghi rõ họ tên)
        </Typography>
        {doc.signature.name && (
          <Typography sx={{ fontWeight: 'bold', fontFamily: 'inherit' }}>
            {doc.signature.name}
          </Typography>
        )}
      </Box>
    </Stack>
  </Paper>
);

/**
 * Reports to file and sign: a group's, an agency's or a partnership's half-year, or a memorandum's
 * progress by area; shown as they will print, and downloadable as Word.
 */
export const ReportsPage = () => {
  const translate = useTranslate();
  const [subject, setSubject] = useState<Subject>('organization');
  const [recordId, setRecordId] = useState('');
  const [year, setYear] = useState(new Date().getFullYear());
  const [half, setHalf] = useState(new Date().getMonth() < 6 ? 1 : 2);
  const [report, setReport] = useState<ReportDocument | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: records } = useGetList(RESOURCE_OF[subject], {
    pagination: { page: 1, perPage: 500 },
    sort: { field: subject === 'memorandum' ? 'title' : 'name', order: 'ASC' },
  });

  const show = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const data =
        subject === 'memorandum'
          ? await graphqlRequest<{ r: ReportDocument }>(
              `query ($id: ID!) { r: memorandumProgressDocument(memorandumId: $id) { ${DOCUMENT} } }`,
              { id: recordId },
            )
          : await graphqlRequest<{ r: ReportDocument }>(
              `query ($year: Int!, $half: Int!, $groupId: ID, $organizationId: ID, $partnershipId: ID) {
                 r: halfYearReportDocument(year: $year, half: $half, groupId: $groupId,
                   organizationId: $organizationId, partnershipId: $partnershipId) { ${DOCUMENT} } }`,
              { year, half, [`${subject}Id`]: recordId },
            );
      setReport(data.r);
    } catch (error) {
      setReport(null);
      setFailure(translateFailure(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="app.reports.title" />
      {/* Printing shows the report alone, on A4, without the app around it. */}
      <GlobalStyles
        styles={{
          '@media print': {
            'body *': { visibility: 'hidden' },
            '.printable-report, .printable-report *': { visibility: 'visible' },
            '.printable-report': { position: 'absolute', left: 0, top: 0, boxShadow: 'none' },
            '@page': { size: 'A4', margin: '20mm 15mm 20mm 30mm' },
          },
        }}
      />
      <Card sx={{ mb: 2, displayPrint: 'none' }}>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField
              select
              size="small"
              label={translate('app.reports.subject')}
              value={subject}
              onChange={(event) => {
                setSubject(event.target.value as Subject);
                setRecordId('');
                setReport(null);
              }}
              sx={{ minWidth: 220 }}
            >
              {(['group', 'organization', 'partnership', 'memorandum'] as const).map((s) => (
                <MenuItem key={s} value={s}>
                  {translate(`app.reports.subjects.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={translate(`app.reports.subjects.${subject}`)}
              value={recordId}
              onChange={(event) => setRecordId(event.target.value)}
              sx={{ minWidth: 280, flexGrow: 1 }}
            >
              {(records ?? []).map((record) => (
                <MenuItem key={record.id} value={record.id}>
                  {(record.name ?? record.title) as string}
                </MenuItem>
              ))}
            </TextField>
            {subject !== 'memorandum' && (
              <>
                <TextField
                  select
                  size="small"
                  label={translate('app.reports.year')}
                  value={year}
                  onChange={(event) => setYear(Number(event.target.value))}
                >
                  {years().map((y) => (
                    <MenuItem key={y} value={y}>
                      {y}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  size="small"
                  label={translate('app.reports.half')}
                  value={half}
                  onChange={(event) => setHalf(Number(event.target.value))}
                >
                  <MenuItem value={1}>{translate('enums.Half.1')}</MenuItem>
                  <MenuItem value={2}>{translate('enums.Half.2')}</MenuItem>
                </TextField>
              </>
            )}
            <Button variant="contained" onClick={() => void show()} disabled={!recordId || busy}>
              {translate('app.reports.show')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
      {failure && <Alert severity="error">{failure}</Alert>}
      {report && (
        <>
          <Stack direction="row" spacing={1} sx={{ mb: 2, displayPrint: 'none' }}>
            <Button
              startIcon={<DownloadIcon />}
              variant="outlined"
              onClick={() => downloadBase64(report.docx, report.fileName, FILE_TYPES.docx)}
            >
              {translate('app.reports.download')}
            </Button>
            <Button startIcon={<PrintIcon />} variant="outlined" onClick={() => window.print()}>
              {translate('app.reports.print')}
            </Button>
            <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
              {translate('app.reports.dated', { date: formatDay(report.document.date) })}
            </Typography>
          </Stack>
          <DocumentView doc={report.document} />
        </>
      )}
    </Box>
  );
};
