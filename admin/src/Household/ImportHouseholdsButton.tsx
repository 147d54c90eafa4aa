import { useRef, useState, type ChangeEvent } from 'react';
import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Button,
  useGetList,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { formatDay } from '../common/formatters';
import { downloadBase64, FILE_TYPES } from '../common/download';
import { graphqlRequest } from '../providers/graphqlRequest';
import { translateFailure } from '../providers/serverErrors';

interface CellError {
  sheet: string;
  row: number;
  column: string | null;
  field: string | null;
  rule: string;
  message: string;
  params: Record<string, unknown> | null;
}

interface ImportResult {
  dryRun: boolean;
  rowCount: number;
  householdsCreated: number;
  membersCreated: number;
  categoryPeriodsCreated: number;
  errorCount: number;
  alreadyImported: { createdAt: string; fileName: string } | null;
  rows: {
    sheet: string;
    row: number;
    label: string | null;
    outcome: string;
    errors: CellError[];
  }[];
}

const RESULT = `dryRun rowCount householdsCreated membersCreated categoryPeriodsCreated errorCount
  alreadyImported { createdAt fileName }
  rows { sheet row label outcome errors { sheet row column field rule message params } }`;

const IMPORT = `mutation ($input: HouseholdImportInput!) { importHouseholds(input: $input) { ${RESULT} } }`;

/** The rows a user needs to see: what goes wrong first, then what changes; unchanged rows are counted only. */
const ROWS_SHOWN = 200;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((reader.result as string).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/**
 * Households from the spreadsheet communes send: download the template, check the filled file
 * (every bad cell named in Vietnamese), then import it whole. The server holds every rule; this
 * dialog only shows what it says.
 */
export const ImportHouseholdsButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string | null>();
  const isAdmin = permissions === 'ADMIN';
  const mayImport = isAdmin || permissions === 'AGENCY_OFFICER';
  const { data: organizations } = useGetList(
    'Organization',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: isAdmin },
  );
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [organizationId, setOrganizationId] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const reset = () => {
    setFile(null);
    setResult(null);
    setFailure(null);
    setProgress(null);
    if (input.current) input.current.value = '';
  };

  const run = async (dryRun: boolean, chosen = file) => {
    if (!chosen) return;
    setBusy(dryRun ? 'check' : 'import');
    setFailure(null);
    const progressKey = crypto.randomUUID();
    const poll = setInterval(() => {
      graphqlRequest<{ householdImportProgress: { done: number; total: number } | null }>(
        'query ($key: String!) { householdImportProgress(key: $key) { done total } }',
        { key: progressKey },
      )
        .then((data) => data.householdImportProgress && setProgress(data.householdImportProgress))
        .catch(() => undefined);
    }, 700);
    try {
      const data = await graphqlRequest<{ importHouseholds: ImportResult }>(IMPORT, {
        input: {
          file: chosen.base64,
          fileName: chosen.name,
          dryRun,
          progressKey,
          ...(isAdmin && organizationId ? { organizationId } : {}),
        },
      });
      setResult(data.importHouseholds);
      if (
        !dryRun &&
        data.importHouseholds.errorCount === 0 &&
        !data.importHouseholds.alreadyImported
      ) {
        notify('households.import.done', {
          type: 'success',
          messageArgs: {
            households: data.importHouseholds.householdsCreated,
            members: data.importHouseholds.membersCreated,
          },
        });
        refresh();
      }
    } catch (error) {
      setFailure(translateFailure(error, 'Household').message);
    } finally {
      clearInterval(poll);
      setProgress(null);
      setBusy(null);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const picked = { name: chosen.name, base64: await base64Of(chosen) };
    setFile(picked);
    setResult(null);
    await run(true, picked);
  };

  const template = async () => {
    try {
      const data = await graphqlRequest<{ householdImportTemplate: string }>(
        '{ householdImportTemplate }',
      );
      downloadBase64(data.householdImportTemplate, 'mau-nhap-ho-gia-dinh.xlsx', FILE_TYPES.xlsx);
    } catch (error) {
      notify(translateFailure(error).message, { type: 'error' });
    }
  };

  const errorText = (error: CellError) =>
    translate(`households.import.rules.${error.rule}`, {
      ...(error.params ?? {}),
      _: translate(`errors.rule.${error.rule}`, { ...(error.params ?? {}), _: error.message }),
    });

  const shown = result?.rows.filter((r) => r.outcome !== 'UNCHANGED').slice(0, ROWS_SHOWN) ?? [];
  const ready = !!result && result.dryRun && result.errorCount === 0 && !result.alreadyImported;
  const created = result
    ? result.householdsCreated + result.membersCreated + result.categoryPeriodsCreated
    : 0;

  if (!mayImport) return null;
  return (
    <>
      <Button label="households.import.open" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <Dialog
        open={open}
        onClose={() => busy || (setOpen(false), reset())}
        fullWidth
        maxWidth="md"
        aria-labelledby="import-households-title"
      >
        <DialogTitle id="import-households-title">
          {translate('households.import.title')}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            {translate('households.import.intro')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', my: 1 }}>
            <MuiButton variant="outlined" onClick={() => void template()}>
              {translate('households.import.template')}
            </MuiButton>
            <MuiButton variant="contained" component="label" disabled={!!busy}>
              {translate('households.import.choose')}
              <input
                ref={input}
                hidden
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => void choose(event)}
                aria-label={translate('households.import.choose')}
              />
            </MuiButton>
            {file && <Typography variant="body2">{file.name}</Typography>}
          </Box>
          {isAdmin && (
            <TextField
              select
              size="small"
              sx={{ minWidth: 280, my: 1 }}
              label={translate('households.import.organization')}
              value={organizationId}
              onChange={(event) => setOrganizationId(event.target.value)}
              disabled={!!busy}
            >
              <MenuItem value="">{translate('households.import.noOrganization')}</MenuItem>
              {(organizations ?? []).map((o) => (
                <MenuItem key={o.id} value={o.id}>
                  {o.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          {busy && (
            <Box sx={{ my: 2 }} role="status">
              <Typography variant="body2">
                {translate(
                  busy === 'check' ? 'households.import.checking' : 'households.import.importing',
                )}
                {progress ? ` ${progress.done}/${progress.total}` : ''}
              </Typography>
              <LinearProgress
                variant={progress ? 'determinate' : 'indeterminate'}
                value={progress ? (100 * progress.done) / Math.max(progress.total, 1) : undefined}
              />
            </Box>
          )}
          {failure && <Alert severity="error">{failure}</Alert>}
          {result?.alreadyImported && (
            <Alert severity="info">
              {translate('households.import.already', {
                date: formatDay(result.alreadyImported.createdAt.slice(0, 10)),
                file: result.alreadyImported.fileName,
              })}
            </Alert>
          )}
          {result && !result.alreadyImported && (
            <Alert severity={result.errorCount ? 'error' : 'success'} sx={{ my: 1 }}>
              {result.errorCount
                ? translate('households.import.errors', {
                    smart_count: result.errorCount,
                    rows: result.rowCount,
                  })
                : translate(
                    result.dryRun ? 'households.import.wouldCreate' : 'households.import.created',
                    {
                      rows: result.rowCount,
                      households: result.householdsCreated,
                      members: result.membersCreated,
                      periods: result.categoryPeriodsCreated,
                    },
                  )}
              {!result.errorCount &&
                created === 0 &&
                ` ${translate('households.import.nothingNew')}`}
            </Alert>
          )}
          {shown.length > 0 && (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={translate('households.import.rowsTable')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('households.import.sheet')}</TableCell>
                    <TableCell>{translate('households.import.row')}</TableCell>
                    <TableCell>{translate('households.import.name')}</TableCell>
                    <TableCell>{translate('households.import.outcome')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {shown.map((row) => (
                    <TableRow key={`${row.sheet}-${row.row}`}>
                      <TableCell>{row.sheet}</TableCell>
                      <TableCell>{row.row}</TableCell>
                      <TableCell>{row.label}</TableCell>
                      <TableCell>
                        {row.errors.length === 0
                          ? translate(`households.import.outcomes.${row.outcome}`)
                          : row.errors.map((error, index) => (
                              <Typography key={index} variant="body2" color="error">
                                {error.column ? `${error.column}: ` : ''}
                                {errorText(error)}
                              </Typography>
                            ))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => (setOpen(false), reset())} disabled={!!busy}>
            {translate('ra.action.close')}
          </MuiButton>
          <MuiButton
            variant="contained"
            onClick={() => void run(false)}
            disabled={!ready || !!busy}
          >
            {translate('households.import.run', { smart_count: result?.rowCount ?? 0 })}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
