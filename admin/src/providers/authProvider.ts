import type { AuthProvider } from 'react-admin';
import { graphqlRequest } from './graphqlRequest';
import { translateFailure } from './serverErrors';

interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

const USER_FIELDS = 'id username displayName role';
const LOGIN = `mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { ${USER_FIELDS} } }`;
const ME = `query Me { me { ${USER_FIELDS} } }`;
const LOGOUT = 'mutation Logout { logout }';

const fetchMe = async () => (await graphqlRequest<{ me: User | null }>(ME)).me;

/** Cookie session: the server sets an HttpOnly cookie at login; nothing is kept in the browser. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      await graphqlRequest(LOGIN, { u: username, p: password });
    } catch (error) {
      throw new Error(translateFailure(error).message);
    }
  },
  async logout() {
    await graphqlRequest(LOGOUT).catch(() => undefined);
  },
  async checkAuth() {
    if (!(await fetchMe())) throw new Error('ra.auth.auth_check_error');
  },
  checkError(error: { status?: number; body?: { code?: string } } | null) {
    const status = error?.status;
    const ended = error?.body?.code === 'UNAUTHENTICATED' || status === 401 || status === 403;
    return ended ? Promise.reject(new Error('ra.notification.logged_out')) : Promise.resolve();
  },
  async getIdentity() {
    const me = await fetchMe();
    if (!me) throw new Error('ra.auth.auth_check_error');
    return { id: me.id, fullName: me.displayName, username: me.username, role: me.role };
  },
  async getPermissions() {
    return (await fetchMe())?.role ?? null;
  },
};
