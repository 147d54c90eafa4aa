import type { IntrospectionObjectType, IntrospectionOutputTypeRef } from 'graphql';
import type { Identifier } from 'react-admin';
import introspection from 'virtual:graphql-introspection';
import { graphqlRequest } from './graphqlRequest';
import { serverError } from './serverErrors';

export interface BreachHousehold {
  householdId: string;
  headName: string | null;
  villageName: string | null;
  reads: number;
  firstReadAt: string;
  lastReadAt: string;
}

export interface BreachReport {
  userId: string;
  username: string;
  from: string;
  to: string;
  accessCount: number;
  exportCount: number;
  revealCount: number;
  households: BreachHousehold[];
  notificationText: string;
}

/** One citizen ID held by several members: a duplicate for an administrator to resolve. */
export interface CitizenIdDuplicate {
  citizenIdMasked: string;
  lastChangedAt: string;
  members: {
    id: string;
    fullName: string;
    householdId: string;
    household: { headName: string } | null;
  }[];
}

export interface RevealedIdentity {
  citizenId: string | null;
  legacyIdNumber: string | null;
}

/** Administrators' operations beyond the CRUD grammar: sessions, sign-in locks, logs, full IDs. */
export interface AdminOperations {
  /** Signs a user out of every browser; resolves with how many sessions ended. */
  revokeUserSessions(id: Identifier): Promise<number>;
  /** Lifts the lock put on a sign-in name after failed attempts (see CAN_UNLOCK_LOGIN). */
  unlockLogin(username: string): Promise<void>;
  breachReport(userId: Identifier, from: string, to: string): Promise<BreachReport>;
  /** Citizen IDs entered for more than one person, most recent first. */
  citizenIdDuplicates(): Promise<CitizenIdDuplicate[]>;
  /** A person's full identity numbers; logged on the server with the reason. Never cached. */
  revealCitizenId(householdMemberId: Identifier, reason: string): Promise<RevealedIdentity>;
}

const mutationType = introspection.__schema.types.find(
  (type): type is IntrospectionObjectType =>
    type.kind === 'OBJECT' && type.name === introspection.__schema.mutationType?.name,
);

const finalType = (type: IntrospectionOutputTypeRef): IntrospectionOutputTypeRef =>
  type.kind === 'NON_NULL' || type.kind === 'LIST' ? finalType(type.ofType) : type;

/** A mutation of the build-time schema, if the server has it. */
const mutationField = (name: string) => mutationType?.fields.find((field) => field.name === name);

const UNLOCK_FIELD = mutationField('unlockLogin');
/** `unlockLogin` may answer a scalar or an object; an object is asked for its type name only. */
const UNLOCK_LOGIN = UNLOCK_FIELD
  ? `mutation UnlockLogin($username: String!) { unlockLogin(username: $username)${
      finalType(UNLOCK_FIELD.type).kind === 'OBJECT' ? ' { __typename }' : ''
    } }`
  : null;

/**
 * Whether the server offers unlocking a sign-in locked after failed attempts (read from the
 * build-time schema: a server without it gets no button rather than a failing one).
 */
export const CAN_UNLOCK_LOGIN = UNLOCK_LOGIN !== null;

const REVOKE_SESSIONS = 'mutation RevokeUserSessions($id: ID!) { revokeUserSessions(id: $id) }';

const BREACH_REPORT = `query BreachReport($userId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
  breachReport(userId: $userId, from: $from, to: $to) {
    userId username from to accessCount exportCount revealCount notificationText
    households { householdId headName villageName reads firstReadAt lastReadAt }
  }
}`;

const CITIZEN_ID_DUPLICATES = `query CitizenIdDuplicates {
  citizenIdDuplicates {
    citizenIdMasked lastChangedAt
    members { id fullName householdId household { headName } }
  }
}`;

const REVEAL_CITIZEN_ID = `mutation RevealCitizenId($householdMemberId: ID!, $reason: String!) {
  revealCitizenId(householdMemberId: $householdMemberId, reason: $reason) { citizenId legacyIdNumber }
}`;

const call = <T>(
  resource: string,
  query: string,
  key: string,
  variables: Record<string, unknown>,
  formValues?: Record<string, unknown>,
) =>
  graphqlRequest<Record<string, T>>(query, variables).then(
    (data) => data[key] as T,
    (error: unknown) => {
      throw serverError(error, resource, formValues);
    },
  );

export const adminOperations: AdminOperations = {
  revokeUserSessions: (id) => call<number>('User', REVOKE_SESSIONS, 'revokeUserSessions', { id }),
  async unlockLogin(username) {
    if (!UNLOCK_LOGIN) throw new Error('unlockLogin is not in the schema');
    await call('User', UNLOCK_LOGIN, 'unlockLogin', { username });
  },
  breachReport: (userId, from, to) =>
    call<BreachReport>('AccessLogEntry', BREACH_REPORT, 'breachReport', { userId, from, to }),
  citizenIdDuplicates: () =>
    call<CitizenIdDuplicate[]>('HouseholdMember', CITIZEN_ID_DUPLICATES, 'citizenIdDuplicates', {}),
  revealCitizenId: (householdMemberId, reason) =>
    call<RevealedIdentity>(
      'HouseholdMember',
      REVEAL_CITIZEN_ID,
      'revealCitizenId',
      { householdMemberId, reason },
      { reason },
    ),
};
