import { useState } from 'react';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import LogoutIcon from '@mui/icons-material/Logout';
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { CAN_UNLOCK_LOGIN } from '../providers/adminOperations';
import type { AppDataProvider } from '../providers/dataProvider';

/** "Thu hồi phiên đăng nhập": signs the user out of every browser at once, after a confirmation. */
export const RevokeSessionsButton = () => {
  const user = useRecordContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  if (!user) return null;
  const revoke = async () => {
    setPending(true);
    try {
      const count = await dataProvider.revokeUserSessions(user.id);
      notify('app.user.revoked', { type: 'info', messageArgs: { smart_count: count } });
      setOpen(false);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button
        label="app.user.revoke_sessions"
        onClick={() => setOpen(true)}
        data-testid="revoke-sessions"
      >
        <LogoutIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title="app.user.revoke_title"
        content="app.user.revoke_content"
        translateOptions={{ name: String(user.username) }}
        onConfirm={() => void revoke()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/**
 * "Mở khóa đăng nhập": lifts the lock put on a sign-in name after repeated failed attempts.
 * Absent when the server's schema has no `unlockLogin`.
 */
export const UnlockLoginButton = () => {
  const user = useRecordContext();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);
  if (!user || !CAN_UNLOCK_LOGIN) return null;
  const unlock = async () => {
    setPending(true);
    try {
      await dataProvider.unlockLogin(String(user.username));
      notify('app.user.unlocked', { type: 'info', messageArgs: { username: user.username } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <Button
      label="app.user.unlock_login"
      onClick={() => void unlock()}
      disabled={pending}
      data-testid="unlock-login"
    >
      <LockOpenIcon />
    </Button>
  );
};
