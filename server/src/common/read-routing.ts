import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { GRAPHQL_LIMITS } from './graphql-limits';
import { Role } from './roles';

/**
 * Dashboard and roll-up queries: aggregates over many rows that read nothing a user has just
 * written and must see at once, so a replica a moment behind the primary serves them as well.
 * Lists, records, the access log report (breachReport) and the duplicates administrators resolve
 * (citizenIdDuplicates) stay on the primary: a user checks there what they have just done.
 */
export const REPLICA_QUERIES: ReadonlySet<string> = new Set([
  'householdOverview',
  'fundOverview',
  'fundBalance',
  'fundDues',
  'fundArrearsByPerson',
  'memorandumProgress',
  'memorandumProgressOverTime',
  'halfYearRollup',
]);

/** The operation a request runs: the one named, or the document's only one. */
function operationOf(document: string, operationName: unknown): OperationDefinitionNode | null {
  let operations: OperationDefinitionNode[];
  try {
    // The same token limit as Apollo's parse: a document built to be expensive is not parsed twice.
    operations = parse(document, { maxTokens: GRAPHQL_LIMITS.maxTokens }).definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return null;
  }
  if (typeof operationName === 'string' && operationName) {
    return operations.find((operation) => operation.name?.value === operationName) ?? null;
  }
  return operations.length === 1 ? operations[0]! : null;
}

/**
 * Whether a GraphQL request may run on the read replica: a query (never a mutation) that is all
 * dashboards, or any query of an analyst (read-only, de-identified, the heaviest readers). Anything
 * this cannot tell for sure (a malformed body, several operations, fragments at the top) runs on
 * the primary, which always answers correctly.
 */
export function readsFromReplica(body: unknown, role: Role | undefined): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  const operation = operationOf(query, operationName);
  if (operation?.operation !== OperationTypeNode.QUERY) return false;
  if (role === Role.ANALYST) return true;
  const names = operation.selectionSet.selections.map((selection) =>
    selection.kind === Kind.FIELD ? selection.name.value : null,
  );
  return (
    names.some((name) => name !== null && REPLICA_QUERIES.has(name)) &&
    names.every((name) => name !== null && (REPLICA_QUERIES.has(name) || name === '__typename'))
  );
}
