import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { isUuid, normalizeInput } from '../../common/crud/normalize';
import { BadInputError, conflict, notFound, type FieldViolation } from '../../common/errors';
import { Role } from '../../common/roles';
import { Organization } from '../organization/organization.entity';
import { StaffMember } from '../staff/staff.entity';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth.service';
import { Session, User } from './user.entity';

/**
 * Sign-in names: lower-case letters, digits, dots, dashes and underscores, 3–50 characters,
 * starting with a letter or digit. Stored lower-case (sign-in lower-cases what is typed), so
 * `Nguyen.Van.A` and `nguyen.van.a` are one name.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const MAX_PASSWORD_LENGTH = 1000;

/**
 * What each role's links to an agency and a staff record mean:
 * - AGENCY_OFFICER: `organizationId` is required (their agency, the scope of what they read and
 *   write). `staffMemberId` may name their own staff record, which must then be of that agency.
 * - GROUP_MEMBER: `staffMemberId` is required (the person who sits in support groups: their scope).
 *   `organizationId` is always that staff member's agency, set by the server.
 * - ADMIN, ANALYST, VIEWER: neither. Their reach does not depend on an agency, and a link would
 *   suggest a scope that does not exist. When the role changes to one of these and the links are not
 *   given, they are cleared; given, they are refused.
 */
const CARRIES: Record<Role, { organization: boolean; staff: boolean }> = {
  [Role.ADMIN]: { organization: false, staff: false },
  [Role.AGENCY_OFFICER]: { organization: true, staff: true },
  [Role.GROUP_MEMBER]: { organization: true, staff: true },
  [Role.ANALYST]: { organization: false, staff: false },
  [Role.VIEWER]: { organization: false, staff: false },
};

/** The user fields the API writes besides the password (the list filter derives from them too). */
const FIELDS = {
  username: f.text({
    max: 50,
    pattern: {
      regex: USERNAME_PATTERN,
      rule: 'username',
      message:
        'must be 3–50 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
    },
  }),
  displayName: f.text(),
  role: f.enumOf(Role, 'Role'),
  organizationId: f.ref(() => Organization, 'Organization', 'organization', { optional: true }),
  staffMemberId: f.ref(() => StaffMember, 'StaffMember', 'staffMember', { optional: true }),
  disabled: f.bool({ optional: true, defaultValue: false }),
};

/**
 * Accounts, managed by administrators only. Users are never deleted (the audit trail keeps naming
 * them as actors): they are disabled. Every change to what an account may reach (disabled, role,
 * agency, staff record) or to its password ends its sessions at once.
 */
export class UserService extends CrudService<User> {
  constructor() {
    super({
      entity: User,
      name: 'User',
      fields: FIELDS,
      searchColumns: ['username', 'displayName'],
      defaultSort: { field: 'username', order: 'ASC' },
      hiddenColumns: ['passwordHash'],
    });
  }

  override async create(ctx: RequestContext, input: Record<string, unknown>): Promise<User> {
    this.reach(ctx, 'write');
    const { values, violations } = normalizeInput(FIELDS, cleaned(input), 'create');
    violations.push(...checkPassword(input.password, true));
    const id = await this.write(ctx, async (em) => {
      const record = values as Partial<User>;
      await this.checkRecord(em, ctx, record, null, violations);
      const passwordHash = await hashPassword(input.password as string);
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ ...record, passwordHash })
        .returning('id')
        .execute();
      return String((inserted.raw as { id: string }[])[0]!.id);
    });
    return this.reload(ctx, id);
  }

  /**
   * Changes an account. Disabling it, changing its role, agency or staff record, or setting a new
   * password ends all its sessions at once; an administrator setting their own password keeps the
   * session they are using.
   */
  override async update(ctx: RequestContext, input: Record<string, unknown>): Promise<User> {
    this.reach(ctx, 'write');
    const id = String(input.id);
    const expectedVersion = input.version as number | null | undefined;
    // The sign-in name is fixed once created: the audit trail and people's habits refer to it.
    const { username: _username, ...changeable } = FIELDS;
    const { values, violations } = normalizeInput(changeable, cleaned(input), 'update');
    const password = input.password;
    const newPassword = typeof password === 'string' && password !== '';
    violations.push(...checkPassword(password, false));
    await this.write(ctx, async (em) => {
      const existing = isUuid(id)
        ? await em
            .getRepository(User)
            .createQueryBuilder('u')
            .setLock('pessimistic_write')
            .where('u.id = :id', { id })
            .getOne()
        : null;
      if (!existing) throw notFound('User', id);
      if (expectedVersion != null && expectedVersion !== existing.version) {
        throw conflict('User was changed by someone else meanwhile; reload it and try again', {
          rule: 'staleVersion',
          currentVersion: existing.version,
        });
      }
      const role = (values.role as Role | undefined) ?? existing.role;
      // A role that carries no agency or staff link drops the old ones unless they are given again.
      if (!CARRIES[role].organization && values.organizationId === undefined)
        values.organizationId = null;
      if (!CARRIES[role].staff && values.staffMemberId === undefined) values.staffMemberId = null;
      const merged = { ...existing, ...values } as User;
      // A group member's agency follows their staff record unless another one is asked for.
      const sameOrganization =
        values.organizationId === undefined || values.organizationId === existing.organizationId;
      if (role === Role.GROUP_MEMBER && sameOrganization) merged.organizationId = null;
      await this.checkRecord(em, ctx, merged, existing, violations);
      const changes: Record<string, unknown> = {};
      for (const key of [
        'displayName',
        'role',
        'organizationId',
        'staffMemberId',
        'disabled',
      ] as const) {
        if (merged[key] !== existing[key]) changes[key] = merged[key];
      }
      if (newPassword) changes.passwordHash = await hashPassword(password);
      if (Object.keys(changes).length > 0) {
        await em
          .createQueryBuilder()
          .update(User)
          .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
          .where('id = :id', { id })
          .execute();
      }
      const accessChanged = changesAccess(existing, merged);
      if (accessChanged || newPassword) {
        const keep = !accessChanged && ctx.user?.id === id ? ctx.sessionId : null;
        await deleteSessions(em, id, keep);
      }
      return id;
    });
    return this.reload(ctx, id);
  }

  /** Users are never deleted, so the audit trail keeps naming them: they are disabled instead. */
  override remove(): Promise<User> {
    throw conflict('Users are disabled, never deleted', { rule: 'disableInstead' });
  }

  /** Signs the user out of every browser at once; returns how many sessions ended. */
  async revokeSessions(ctx: RequestContext, id: string): Promise<number> {
    this.reach(ctx, 'write');
    const exists = isUuid(id) ? await ctx.db.getRepository(User).existsBy({ id }) : false;
    if (!exists) throw notFound('User', id);
    return deleteSessions(ctx.db, id, null);
  }

  /** Field checks, references, the sign-in name's uniqueness, and the rules of roles and admins. */
  private async checkRecord(
    em: EntityManager,
    ctx: RequestContext,
    record: Partial<User>,
    existing: User | null,
    violations: FieldViolation[],
  ): Promise<void> {
    const all = [...violations];
    const fail = () => {
      if (all.length > 0) throw new BadInputError(all);
    };
    fail();
    if (!existing) {
      const taken = await em
        .getRepository(User)
        .createQueryBuilder('u')
        .where('lower(u.username) = lower(:username)', { username: record.username })
        .getCount();
      if (taken > 0)
        all.push({ field: 'username', rule: 'unique', message: 'is already used by another user' });
    }
    all.push(...(await this.checkLinks(em, record)));
    fail();
    if (existing) all.push(...(await checkAdmins(em, ctx, existing, record)));
    fail();
  }

  /** The agency and staff record each role needs, and nothing it does not (see CARRIES). */
  private async checkLinks(em: EntityManager, record: Partial<User>): Promise<FieldViolation[]> {
    const role = record.role as Role;
    const carries = CARRIES[role];
    const violations: FieldViolation[] = [];
    const notForRole = (field: string) =>
      violations.push({
        field,
        rule: 'notForRole',
        message: `is not used for the role ${role}; leave it empty`,
        params: { role },
      });
    if (!carries.organization && record.organizationId) notForRole('organizationId');
    if (!carries.staff && record.staffMemberId) notForRole('staffMemberId');
    if (role === Role.AGENCY_OFFICER && !record.organizationId) {
      violations.push({
        field: 'organizationId',
        rule: 'requiredForRole',
        message: 'is required for an agency officer',
        params: { role },
      });
    }
    if (role === Role.GROUP_MEMBER && !record.staffMemberId) {
      violations.push({
        field: 'staffMemberId',
        rule: 'requiredForRole',
        message: 'is required for a support group member',
        params: { role },
      });
    }
    if (violations.length > 0) return violations;

    if (record.organizationId) {
      const found = await em.getRepository(Organization).existsBy({ id: record.organizationId });
      if (!found) {
        violations.push({
          field: 'organizationId',
          rule: 'exists',
          message: `Organization ${record.organizationId} does not exist`,
          params: { target: 'Organization', ids: [record.organizationId] },
        });
      }
    }
    if (record.staffMemberId) {
      const staff = await em.getRepository(StaffMember).findOneBy({ id: record.staffMemberId });
      if (!staff) {
        violations.push({
          field: 'staffMemberId',
          rule: 'exists',
          message: `StaffMember ${record.staffMemberId} does not exist`,
          params: { target: 'StaffMember', ids: [record.staffMemberId] },
        });
      } else if (role === Role.GROUP_MEMBER) {
        // A group member's agency is their staff record's; a different one given is a mistake.
        if (record.organizationId && record.organizationId !== staff.organizationId) {
          violations.push({
            field: 'organizationId',
            rule: 'staffOrganization',
            message: "must be the staff member's organization (or left empty)",
            params: { organizationId: staff.organizationId },
          });
        } else {
          record.organizationId = staff.organizationId;
        }
      } else if (record.organizationId && staff.organizationId !== record.organizationId) {
        violations.push({
          field: 'staffMemberId',
          rule: 'staffOrganization',
          message: "must be a staff member of the user's organization",
          params: { organizationId: staff.organizationId },
        });
      }
    }
    return violations;
  }
}

/**
 * An administrator cannot disable themselves, and the last enabled administrator can be neither
 * disabled nor given another role: someone must always be able to manage accounts.
 */
async function checkAdmins(
  em: EntityManager,
  ctx: RequestContext,
  existing: User,
  record: Partial<User>,
): Promise<FieldViolation[]> {
  const violations: FieldViolation[] = [];
  if (ctx.user?.id === existing.id && record.disabled && !existing.disabled) {
    violations.push({
      field: 'disabled',
      rule: 'ownAccount',
      message: 'you cannot disable your own account',
    });
    return violations;
  }
  const wasActiveAdmin = existing.role === Role.ADMIN && !existing.disabled;
  const staysActiveAdmin = record.role === Role.ADMIN && !record.disabled;
  if (!wasActiveAdmin || staysActiveAdmin) return violations;
  // Lock every enabled administrator so two admins demoting each other at once cannot both win.
  const admins: { id: string }[] = await em.query(
    `SELECT id FROM users WHERE role = 'ADMIN' AND NOT disabled ORDER BY id FOR UPDATE`,
  );
  if (admins.filter((a) => a.id !== existing.id).length === 0) {
    const field = record.role !== Role.ADMIN ? 'role' : 'disabled';
    violations.push({
      field,
      rule: 'lastAdmin',
      message: 'the last enabled administrator must stay an enabled administrator',
    });
  }
  return violations;
}

/** Changes to what an account may reach: the sessions opened under the old terms end. */
function changesAccess(before: User, after: User): boolean {
  return (
    (after.disabled && !before.disabled) ||
    after.role !== before.role ||
    after.organizationId !== before.organizationId ||
    after.staffMemberId !== before.staffMemberId
  );
}

async function deleteSessions(
  em: EntityManager,
  userId: string,
  keepTokenHash: string | null,
): Promise<number> {
  const qb = em.createQueryBuilder().delete().from(Session).where('user_id = :userId', { userId });
  if (keepTokenHash) qb.andWhere('token_hash <> :keep', { keep: keepTokenHash });
  const result = await qb.execute();
  return result.affected ?? 0;
}

/** Sign-in names and ids compare lower-case (ids from PostgreSQL are lower-case). */
function cleaned(input: Record<string, unknown>): Record<string, unknown> {
  const lower = (value: unknown) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value;
  return {
    ...input,
    username: lower(input.username),
    organizationId: lower(input.organizationId),
    staffMemberId: lower(input.staffMemberId),
  };
}

function checkPassword(password: unknown, required: boolean): FieldViolation[] {
  if (typeof password !== 'string' || password === '') {
    return required ? [{ field: 'password', rule: 'required', message: 'is required' }] : [];
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field: 'password',
        rule: 'minLength',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
        params: { min: MIN_PASSWORD_LENGTH },
      },
    ];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [
      {
        field: 'password',
        rule: 'maxLength',
        message: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
        params: { max: MAX_PASSWORD_LENGTH },
      },
    ];
  }
  return [];
}

export const userService = new UserService();
