import { useState } from 'react';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import {
  Button,
  Form,
  SaveButton,
  TextInput,
  minLength,
  maxLength,
  required,
  useDataProvider,
  usePermissions,
  useRecordContext,
  useTranslate,
  type HttpError,
} from 'react-admin';
import type { RevealedIdentity } from '../providers/adminOperations';
import type { AppDataProvider } from '../providers/dataProvider';

const reasonRules = [required(), minLength(5), maxLength(1000)];

/**
 * "Xem đầy đủ số định danh" (administrators only): asks why, then shows the person's full numbers
 * in the dialog. They live in this dialog's state alone (no cache, no store) and are dropped when
 * it closes; the server writes who looked, when and why to the access log.
 */
export const RevealCitizenIdButton = () => {
  const member = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { permissions } = usePermissions<string | null>();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealedIdentity | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!member || permissions !== 'ADMIN') return null;
  const close = () => {
    setRevealed(null);
    setError(null);
    setOpen(false);
  };
  const reveal = async ({ reason }: Record<string, unknown>) => {
    setError(null);
    try {
      setRevealed(await dataProvider.revealCitizenId(member.id, String(reason).trim()));
      return undefined;
    } catch (failure) {
      const httpError = failure as HttpError;
      setError(httpError.message);
      const { root: _root, ...fieldErrors } =
        (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
      return fieldErrors;
    }
  };
  return (
    <>
      <Button
        label="app.reveal.button"
        onClick={() => setOpen(true)}
        data-testid="reveal-citizen-id"
      >
        <VisibilityIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate('app.reveal.title')}</DialogTitle>
        {revealed ? (
          <>
            <DialogContent>
              <Table size="small" data-testid="revealed-identity">
                <TableBody>
                  <TableRow>
                    <TableCell component="th" scope="row">
                      {translate('app.reveal.citizen_id')}
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: '1.1rem' }}>
                      {revealed.citizenId ?? translate('app.reveal.none')}
                    </TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell component="th" scope="row">
                      {translate('app.reveal.legacy_id')}
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: '1.1rem' }}>
                      {revealed.legacyIdNumber ?? translate('app.reveal.none')}
                    </TableCell>
                  </TableRow>
                </TableBody>
              </Table>
              <Alert severity="warning" sx={{ mt: 2 }}>
                {translate('app.reveal.warning')}
              </Alert>
            </DialogContent>
            <DialogActions>
              <Button label="ra.action.close" onClick={close} data-testid="reveal-close" />
            </DialogActions>
          </>
        ) : (
          <Form onSubmit={reveal}>
            <DialogContent>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {translate('app.reveal.help')}
              </Typography>
              <TextInput
                source="reason"
                label="app.reveal.reason"
                multiline
                fullWidth
                validate={reasonRules}
                helperText="app.reveal.reason_help"
              />
              {error && <Alert severity="error">{error}</Alert>}
            </DialogContent>
            <DialogActions>
              <Button label="ra.action.cancel" onClick={close} />
              <SaveButton label="app.reveal.submit" icon={<VisibilityIcon />} alwaysEnable />
            </DialogActions>
          </Form>
        )}
      </Dialog>
    </>
  );
};
