import { reachOf, type Reach, type RoleName } from '../../../server/src/common/access-matrix';

export type { RoleName };

/** The signed-in user as `me` returns it. */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleName;
  organizationId: string | null;
  staffMemberId: string | null;
}

/** react-admin actions that only read; everything else (create, edit, delete, clone…) writes. */
const READ_ACTIONS = new Set(['list', 'show', 'export', 'read']);

/**
 * Roles whose screens are the dashboard alone. The matrix lets a viewer read the reference lists
 * and funds the dashboard names, but a viewer has no list or record screens of their own.
 */
const DASHBOARD_ONLY: readonly RoleName[] = ['VIEWER'];

/**
 * Pages that are not resources, with the resource whose access they follow and how:
 * the month-at-once dues screen writes contributions; the breach report reads the access log; the
 * duplicate citizen IDs are for administrators.
 */
export const PAGE_ACCESS: Record<string, { resource: string; mode: 'read' | 'write' }> = {
  dues: { resource: 'Contribution', mode: 'write' },
  // Approving is changing a disbursement: administrators and the fund agency's officers.
  approvals: { resource: 'Disbursement', mode: 'write' },
  // The reports sum half-year reports and the memorandum's progress, under the caller's scope.
  reports: { resource: 'HalfYearReport', mode: 'read' },
  'breach-report': { resource: 'AccessLogEntry', mode: 'read' },
  // Administrators only, as the user accounts are: duplicates span every agency.
  'citizen-id-duplicates': { resource: 'User', mode: 'read' },
};

/**
 * Resources an agency officer changes only when the record belongs to their own agency
 * (`organizationId`), as the server's write scope says. For other scoped resources the record
 * alone does not tell (a household helped by the agency's groups, a visit of one of a member's
 * groups): the button shows and the server decides.
 */
const OFFICER_OWNED_BY_ORGANIZATION = new Set(['Fund', 'SupportGroup', 'StaffMember']);

/** Users are disabled, never deleted: the audit trail keeps naming them. */
const NEVER_DELETED = new Set(['User']);

function reachFor(user: SignedInUser, resource: string, mode: 'read' | 'write'): Reach | undefined {
  const page = PAGE_ACCESS[resource];
  if (page) return reachOf(page.resource, user.role, page.mode);
  return reachOf(resource, user.role, mode);
}

/**
 * What the UI offers a role, from the access matrix the server enforces. The UI only hides; the
 * server decides (a hidden button's mutation sent by hand is still refused).
 */
export function canRoleAccess(
  user: SignedInUser | null,
  action: string,
  resource: string,
  record?: Record<string, unknown>,
): boolean {
  if (!user) return false;
  if (DASHBOARD_ONLY.includes(user.role)) return false;
  if (action === 'delete' && NEVER_DELETED.has(resource)) return false;
  const mode = READ_ACTIONS.has(action) ? 'read' : 'write';
  const reach = reachFor(user, resource, mode);
  if (!reach) return false;
  if (reach === 'all' || mode === 'read' || !record) return true;
  if (
    user.role === 'AGENCY_OFFICER' &&
    OFFICER_OWNED_BY_ORGANIZATION.has(resource) &&
    record.organizationId != null
  ) {
    return record.organizationId === user.organizationId;
  }
  return true;
}
