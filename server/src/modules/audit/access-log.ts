import type { RequestContext } from '../../common/context';
import type { AccessAction } from './audit.entity';

/**
 * Records that the signed-in user read (or exported, or revealed) personal data, inside the
 * request's transaction: the 72-hour breach drill lists households from these rows.
 */
export async function recordAccess(
  ctx: RequestContext,
  entry: {
    action: AccessAction;
    resource: string;
    recordIds: string[];
    householdIds: string[];
    reason?: string | null;
  },
): Promise<void> {
  if (!ctx.user || entry.recordIds.length === 0) return;
  await ctx.db.query(
    `INSERT INTO access_log (user_id, username, role, action, resource, record_ids, household_ids, reason, address)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::uuid[], $8, $9)`,
    [
      ctx.user.id,
      ctx.user.username,
      ctx.user.role,
      entry.action,
      entry.resource,
      entry.recordIds,
      [...new Set(entry.householdIds)],
      entry.reason ?? null,
      ctx.req?.ip ?? null,
    ],
  );
}
