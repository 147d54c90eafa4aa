import type { ReactElement, ReactNode } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { Button, Form, SaveButton, useNotify, useRefresh, type HttpError } from 'react-admin';

/** The server's messages for a failed call, per field (BAD_USER_INPUT), without the form-wide one. */
export const serverFieldErrors = (error: unknown): Record<string, unknown> => {
  const { root: _root, ...fields } =
    ((error as HttpError).body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  return fields;
};

export interface ActionDialogProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's accessible name points at its title. */
  titleId: string;
  title: ReactNode;
  /** The form's starting values. */
  defaults: Record<string, unknown>;
  /** The mutation; it throws the data provider's HttpError when the server refuses. */
  action: (values: Record<string, unknown>) => Promise<unknown>;
  /** What the notice says once the server has done it. */
  success: { message: string; messageArgs?: Record<string, unknown> };
  /**
   * Where the server's per-field messages show: a field the dialog does not have can be moved onto
   * one the user can still change (e.g. the amount's "beyond the balance" onto the reason).
   */
  placeErrors?: (errors: Record<string, unknown>) => Record<string, unknown>;
  submitLabel: string;
  submitIcon: ReactElement;
  /** Runs after success, after the page's data is refreshed. */
  onDone?: () => void;
  children: ReactNode;
}

/**
 * One frame for every action confirmed in a dialog (post a disbursement, decide an approval,
 * confirm a house project's stage): a form whose submit runs the mutation, notifies, closes and
 * refreshes on success; on refusal it keeps the dialog open with the server's message as a notice
 * and each field's message under its field, so nothing the user typed is lost.
 */
export const ActionDialog = ({
  open,
  onClose,
  titleId,
  title,
  defaults,
  action,
  success,
  placeErrors = (errors) => errors,
  submitLabel,
  submitIcon,
  onDone,
  children,
}: ActionDialogProps) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const submit = async (values: Record<string, unknown>) => {
    try {
      await action(values);
      notify(success.message, { type: 'success', messageArgs: success.messageArgs });
      onClose();
      refresh();
      onDone?.();
      return undefined;
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
      return placeErrors(serverFieldErrors(error));
    }
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      // A dialog opened from a list row must not open the row as well.
      onClick={(event) => event.stopPropagation()}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <Form record={defaults} onSubmit={submit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SaveButton label={submitLabel} alwaysEnable icon={submitIcon} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
