import type { AuthProvider } from 'react-admin';
import { canRoleAccess, type SignedInUser } from './access';
import { graphqlRequest } from './graphqlRequest';
import { translateFailure } from './serverErrors';

const USER_FIELDS = 'id username displayName role organizationId staffMemberId';
const LOGIN = `mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { ${USER_FIELDS} } }`;
const ME = `query Me { me { ${USER_FIELDS} } }`;
const LOGOUT = 'mutation Logout { logout }';

/**
 * The signed-in user, kept in memory only (never in localStorage): asked for again on each
 * `checkAuth` (every page change), reused by `canAccess`, `getPermissions` and `getIdentity`,
 * dropped at sign-in and sign-out.
 */
let current: Promise<SignedInUser | null> | null = null;

const fetchMe = () => {
  const request = graphqlRequest<{ me: SignedInUser | null }>(ME).then((data) => data.me);
  current = request;
  // A failed request is not remembered: the next call asks again.
  request.catch(() => {
    if (current === request) current = null;
  });
  return request;
};

const signedInUser = () => current ?? fetchMe();

/** Cookie session: the server sets an HttpOnly cookie at login; nothing is kept in the browser. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    current = null;
    try {
      const data = await graphqlRequest<{ login: SignedInUser }>(LOGIN, {
        u: username,
        p: password,
      });
      current = Promise.resolve(data.login);
    } catch (error) {
      throw new Error(translateFailure(error).message);
    }
  },
  async logout() {
    current = null;
    await graphqlRequest(LOGOUT).catch(() => undefined);
  },
  async checkAuth() {
    if (!(await fetchMe())) throw new Error('ra.auth.auth_check_error');
  },
  checkError(error: { status?: number; body?: { code?: string } } | null) {
    const status = error?.status;
    const ended = error?.body?.code === 'UNAUTHENTICATED' || status === 401 || status === 403;
    if (!ended) return Promise.resolve();
    current = null;
    return Promise.reject(new Error('ra.notification.logged_out'));
  },
  async getIdentity() {
    const me = await signedInUser();
    if (!me) throw new Error('ra.auth.auth_check_error');
    return {
      id: me.id,
      fullName: me.displayName,
      username: me.username,
      role: me.role,
      organizationId: me.organizationId,
      staffMemberId: me.staffMemberId,
    };
  },
  async getPermissions() {
    return (await signedInUser())?.role ?? null;
  },
  async canAccess({ action, resource, record }) {
    const me = await signedInUser().catch(() => null);
    return canRoleAccess(me, action, resource, record as Record<string, unknown> | undefined);
  },
};
