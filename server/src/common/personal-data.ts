import {
  GraphQLObjectType,
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { EntityManager } from 'typeorm';
import { preparedShape } from '../db/prepared';
import { ACCESS, type ResourceAccess } from './access-matrix';
import type { RequestContext, SessionUser } from './context';
import { deidentified, hidden, initials, redacted, stars } from './masking';

/** What a de-identified role (an analyst) reads instead of a field's value. */
export type Mask = 'initials' | 'hidden' | 'placeholder' | 'stars';

const MASKS: Record<Mask, (value: unknown) => unknown> = {
  initials,
  hidden,
  placeholder: redacted,
  stars,
};

/**
 * Every field that names, locates or describes a family, declared once: analysts read it masked
 * (the field itself, whatever the query), may neither search nor sort by it, and the CRUD layer
 * takes its masked columns from here. Free text about a household is masked wherever it sits.
 */
export const MASKED_FIELDS: Readonly<Record<string, Readonly<Record<string, Mask>>>> = {
  Household: {
    headName: 'initials',
    address: 'hidden',
    circumstances: 'hidden',
    notes: 'hidden',
    consentEvidence: 'hidden',
  },
  HouseholdMember: {
    fullName: 'initials',
    citizenIdMasked: 'stars',
    legacyIdNumberMasked: 'stars',
  },
  PovertyReview: { notes: 'hidden' },
  Visit: { findings: 'hidden' },
  SupportPlan: { title: 'placeholder', measures: 'hidden', goals: 'hidden' },
  SupportPlanStep: { description: 'placeholder' },
  Aspiration: { content: 'placeholder', response: 'hidden' },
  HalfYearReport: { narrative: 'hidden' },
  Disbursement: { description: 'placeholder', eventName: 'hidden', note: 'hidden' },
  // A house project's title usually names the family; the notes and the handover describe it.
  HouseProject: {
    title: 'placeholder',
    notes: 'hidden',
    assessmentNotes: 'hidden',
    handoverReceiver: 'initials',
    handoverNotes: 'hidden',
  },
  HouseProjectFunding: { note: 'hidden' },
};

/** The columns of a resource that de-identified roles receive masked. */
export function maskedColumnsOf(resource: string): readonly string[] {
  return Object.keys(MASKED_FIELDS[resource] ?? {});
}

type AccessAction = 'READ' | 'EXPORT' | 'REVEAL';

/** A page this large is an export (react-admin exports up to 1,000 rows), logged as such. */
export const EXPORT_SIZE = 100;

/**
 * Records that the signed-in user read (or exported, or revealed) personal data, inside the
 * request's transaction: the 72-hour breach drill lists households from these rows.
 */
export async function recordAccess(
  db: EntityManager,
  user: SessionUser | null,
  address: string | null,
  entry: AccessEntry,
): Promise<void> {
  await recordAccesses(db, user, address, [entry]);
}

interface AccessEntry {
  action: AccessAction;
  resource: string;
  recordIds: string[];
  householdIds: string[];
  reason?: string | null;
}

/**
 * Several access-log rows in one statement. PERF: a request that shows households with their
 * members, reviews and visits logs one row per resource; one INSERT each was five round trips of
 * the admin's household list.
 */
async function recordAccesses(
  db: EntityManager,
  user: SessionUser | null,
  address: string | null,
  entries: AccessEntry[],
): Promise<void> {
  const written = entries.filter((entry) => entry.recordIds.length > 0);
  if (!user || written.length === 0) return;
  const params: unknown[] = [user.id, user.username, user.role, address];
  const rows = written.map((entry) => {
    const at = (value: unknown) => `$${params.push(value)}`;
    return `($1, $2, $3, ${at(entry.action)}, ${at(entry.resource)}, ${at(entry.recordIds)}::uuid[],
             ${at([...new Set(entry.householdIds)])}::uuid[], ${at(entry.reason ?? null)}, $4)`;
  });
  const insert = `INSERT INTO access_log (user_id, username, role, action, resource, record_ids, household_ids, reason, address)
     VALUES ${rows.join(', ')}`;
  await db.query(preparedShape('plan68_access_log', insert), params);
}

/** The household a record of a personal resource is about, when the record itself says it. */
function householdOf(resource: string, record: Record<string, unknown>): string | null {
  if (resource === 'Household') return typeof record.id === 'string' ? record.id : null;
  return typeof record.householdId === 'string' ? record.householdId : null;
}

/** Households of records that do not carry one themselves, looked up when the log is written. */
const HOUSEHOLDS_BY_SQL: Record<string, string> = {
  HouseProjectFunding: `SELECT DISTINCT p.household_id AS id FROM house_project_fundings l
                          JOIN house_projects p ON p.id = l.project_id WHERE l.id = ANY($1::uuid[])`,
  SupportPlanStep: `SELECT DISTINCT p.household_id AS id FROM support_plan_steps s
                      JOIN support_plans p ON p.id = s.support_plan_id WHERE s.id = ANY($1::uuid[])`,
};

/**
 * The personal records one request puts in its answer, whichever way it reached them (a list, a
 * record, a reference, a mutation's result), written to the access log once, when the request
 * ends: one row per resource, an EXPORT when it holds more than EXPORT_SIZE records or came from
 * an export page.
 */
export class AccessLogCollector {
  private readonly records = new Map<string, Map<string, string | null>>();
  private readonly exports = new Set<string>();

  add(resource: string, record: Record<string, unknown>): void {
    if (typeof record.id !== 'string') return;
    let seen = this.records.get(resource);
    if (!seen) this.records.set(resource, (seen = new Map()));
    if (!seen.has(record.id)) seen.set(record.id, householdOf(resource, record));
  }

  /** A page asked for as an export (more than EXPORT_SIZE rows) is logged as one. */
  markExport(resource: string): void {
    this.exports.add(resource);
  }

  /** Whether nothing waits to be written. */
  get isEmpty(): boolean {
    return this.records.size === 0;
  }

  async flush(db: EntityManager, user: SessionUser | null, address: string | null) {
    const pending = [...this.records];
    const exports = new Set(this.exports);
    this.records.clear();
    this.exports.clear();
    const entries: AccessEntry[] = [];
    for (const [resource, seen] of pending) {
      const recordIds = [...seen.keys()];
      let householdIds = [...seen.values()].filter((id): id is string => id !== null);
      const lookup = HOUSEHOLDS_BY_SQL[resource];
      if (lookup) {
        const rows: { id: string }[] = await db.query(lookup, [recordIds]);
        householdIds = rows.map((row) => row.id);
      }
      entries.push({
        action: exports.has(resource) || recordIds.length > EXPORT_SIZE ? 'EXPORT' : 'READ',
        resource,
        recordIds,
        householdIds,
      });
    }
    await recordAccesses(db, user, address, entries);
  }
}

const isPersonal = (resource: string) =>
  (ACCESS as Record<string, ResourceAccess>)[resource]?.personal === true;

/**
 * Whether the access log can name what a record of `resource` is about from its id alone: nothing
 * to log, a household itself, or a household looked up by SQL. A visit or a member names its
 * household by the record's own householdId, so one shown as `{ id }` must still be loaded.
 */
export const loggedFromIdAlone = (resource: string): boolean =>
  !isPersonal(resource) || resource === 'Household' || resource in HOUSEHOLDS_BY_SQL;

/**
 * Applies the declaration above to the schema, field by field, so no entry point escapes it: every
 * record of a personal resource in an answer goes to the request's access log, and every masked
 * field reaches de-identified roles masked.
 */
export function guardPersonalData(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType)) continue;
    const personal = isPersonal(type.name);
    const masks = MASKED_FIELDS[type.name] ?? {};
    if (!personal && Object.keys(masks).length === 0) continue;
    for (const field of Object.values(type.getFields())) {
      const mask = masks[field.name] ? MASKS[masks[field.name]!] : null;
      if (!personal && !mask) continue;
      const resolve: GraphQLFieldResolver<unknown, RequestContext> =
        field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: RequestContext, info) => {
        if (personal && source && typeof source === 'object')
          ctx.accessLog?.add(type.name, source as Record<string, unknown>);
        const value: unknown = resolve(source, args, ctx, info);
        if (!mask || !deidentified(ctx)) return value;
        return value instanceof Promise ? value.then(mask) : mask(value);
      };
    }
  }
  return schema;
}
