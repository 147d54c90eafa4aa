import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../../common/context';
import { checkPage } from '../../common/crud/crud.service';
import { isUuid } from '../../common/crud/normalize';
import { ListArgs, ListMetadata } from '../../common/crud/resource';
import { BadInputError, notFound } from '../../common/errors';
import { Role } from '../../common/roles';
import { User } from '../user/user.entity';
import { AccessAction, AccessLogEntry, AuditEntry } from './audit.entity';
import { breachReport, BreachReport } from './breach-report';

@InputType({ description: 'Filters of the audit trail.' })
class AuditEntryFilter {
  @Field(() => String, { nullable: true, description: 'Table, record id or changed field.' })
  q?: string;
  @Field(() => [ID], { nullable: true })
  ids?: string[];
  @Field(() => String, { nullable: true })
  tableName?: string;
  @Field(() => String, { nullable: true })
  recordId?: string;
  @Field(() => ID, { nullable: true })
  actorUserId?: string;
  @Field(() => String, { nullable: true, description: 'INSERT, UPDATE or DELETE.' })
  operation?: string;
  @Field(() => Date, { nullable: true })
  at_gte?: Date;
  @Field(() => Date, { nullable: true })
  at_lte?: Date;
}

@InputType({ description: 'Filters of the access log.' })
class AccessLogEntryFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];
  @Field(() => ID, { nullable: true })
  userId?: string;
  @Field(() => AccessAction, { nullable: true })
  action?: AccessAction;
  @Field(() => String, { nullable: true })
  resource?: string;
  @Field(() => ID, { nullable: true, description: 'Entries that read this household.' })
  householdId?: string;
  @Field(() => Date, { nullable: true })
  at_gte?: Date;
  @Field(() => Date, { nullable: true })
  at_lte?: Date;
}

function page<T extends object>(
  qb: SelectQueryBuilder<T>,
  list: ListArgs,
  columns: string[],
): SelectQueryBuilder<T> {
  const { page: pageNo, perPage } = checkPage(list);
  const field = list.sortField ?? 'at';
  if (!columns.includes(field))
    throw BadInputError.of('sortField', 'oneOf', `cannot sort by ${field}`);
  const order = (list.sortOrder ?? 'DESC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC')
    throw BadInputError.of('sortOrder', 'oneOf', 'must be ASC or DESC');
  return qb
    .orderBy(`e.${field}`, order)
    .addOrderBy('e.id', order)
    .offset(pageNo * perPage)
    .limit(perPage);
}

function auditQuery(ctx: RequestContext, filter: AuditEntryFilter | null) {
  const qb = ctx.db.getRepository(AuditEntry).createQueryBuilder('e');
  const f = filter ?? {};
  if (f.ids) qb.andWhere('e.id::text IN (:...ids)', { ids: f.ids.length ? f.ids : [''] });
  if (f.tableName) qb.andWhere('e.tableName = :tableName', { tableName: f.tableName });
  if (f.recordId) qb.andWhere('e.recordId = :recordId', { recordId: f.recordId });
  if (f.actorUserId) {
    if (!isUuid(f.actorUserId)) qb.andWhere('false');
    else qb.andWhere('e.actorUserId = :actor', { actor: f.actorUserId });
  }
  if (f.operation) qb.andWhere('e.operation = :operation', { operation: f.operation });
  if (f.at_gte) qb.andWhere('e.at >= :from', { from: f.at_gte });
  if (f.at_lte) qb.andWhere('e.at <= :to', { to: f.at_lte });
  const text = f.q?.trim();
  if (text) {
    qb.andWhere(
      `(e.tableName ILIKE :q OR e.recordId ILIKE :q OR array_to_string(e.changedFields, ',') ILIKE :q)`,
      { q: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
    );
  }
  return qb;
}

function accessQuery(ctx: RequestContext, filter: AccessLogEntryFilter | null) {
  const qb = ctx.db.getRepository(AccessLogEntry).createQueryBuilder('e');
  const f = filter ?? {};
  if (f.ids) qb.andWhere('e.id::text IN (:...ids)', { ids: f.ids.length ? f.ids : [''] });
  for (const value of [f.userId, f.householdId]) {
    if (value != null && !isUuid(value)) qb.andWhere('false');
  }
  if (f.userId && isUuid(f.userId)) qb.andWhere('e.userId = :userId', { userId: f.userId });
  if (f.action) qb.andWhere('e.action = :action', { action: f.action });
  if (f.resource) qb.andWhere('e.resource = :resource', { resource: f.resource });
  if (f.householdId && isUuid(f.householdId))
    qb.andWhere(':household = ANY(e.householdIds)', { household: f.householdId });
  if (f.at_gte) qb.andWhere('e.at >= :from', { from: f.at_gte });
  if (f.at_lte) qb.andWhere('e.at <= :to', { to: f.at_lte });
  return qb;
}

const AUDIT_COLUMNS = ['at', 'id', 'tableName', 'operation'];
const ACCESS_COLUMNS = ['at', 'id', 'username', 'action', 'resource'];

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [AuditEntry], {
    name: 'allAuditEntries',
    description: 'The audit trail, newest first: every insert, update and delete, with who did it.',
  })
  allAuditEntries(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true }) filter: AuditEntryFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return page(auditQuery(ctx, filter), list, AUDIT_COLUMNS).getMany();
  }

  @Authorized([Role.ADMIN])
  @Query(() => ListMetadata, { name: '_allAuditEntriesMeta' })
  async auditMeta(
    @Args(() => ListArgs) _list: ListArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true }) filter: AuditEntryFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ListMetadata> {
    return { count: await auditQuery(ctx, filter).getCount() };
  }

  @Authorized([Role.ADMIN])
  @Query(() => AuditEntry, { name: 'AuditEntry' })
  async auditEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const entry = /^\d{1,18}$/.test(id)
      ? await ctx.db.getRepository(AuditEntry).findOneBy({ id })
      : null;
    if (!entry) throw notFound('AuditEntry', id);
    return entry;
  }

  @Authorized([Role.ADMIN])
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change.' })
  actor(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext) {
    return entry.actorUserId ? ctx.loaders.byId<User>(User).load(entry.actorUserId) : null;
  }
}

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [AccessLogEntry], {
    name: 'allAccessLogEntries',
    description: "Who read which households' personal data, exported lists or revealed IDs.",
  })
  allAccessLogEntries(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => AccessLogEntryFilter, { nullable: true })
    filter: AccessLogEntryFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return page(accessQuery(ctx, filter), list, ACCESS_COLUMNS).getMany();
  }

  @Authorized([Role.ADMIN])
  @Query(() => ListMetadata, { name: '_allAccessLogEntriesMeta' })
  async accessMeta(
    @Args(() => ListArgs) _list: ListArgs,
    @Arg('filter', () => AccessLogEntryFilter, { nullable: true })
    filter: AccessLogEntryFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ListMetadata> {
    return { count: await accessQuery(ctx, filter).getCount() };
  }

  @Authorized([Role.ADMIN])
  @Query(() => AccessLogEntry, { name: 'AccessLogEntry' })
  async accessLogEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const entry = /^\d{1,18}$/.test(id)
      ? await ctx.db.getRepository(AccessLogEntry).findOneBy({ id })
      : null;
    if (!entry) throw notFound('AccessLogEntry', id);
    return entry;
  }

  @Authorized([Role.ADMIN])
  @Query(() => BreachReport, {
    description:
      'The 72-hour breach drill: the households whose personal data an account read between two times, and a draft notification.',
  })
  breachReport(
    @Arg('userId', () => ID) userId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: RequestContext,
  ) {
    return breachReport(ctx, userId, from, to);
  }
}

export const auditResolvers = [AuditEntryResolver, AccessLogResolver];
