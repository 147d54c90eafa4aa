export const GRAPHQL_URI = '/graphql';

/** One broken rule on one input field, as the server reports it in `extensions.violations`. */
export interface FieldViolation {
  field?: string;
  rule: string;
  message?: string;
  params?: Record<string, unknown>;
}

export interface GraphQLErrorPayload {
  message: string;
  extensions?: {
    code?: string;
    field?: string;
    rule?: string;
    violations?: FieldViolation[];
    [key: string]: unknown;
  };
}

/** A failed call to the GraphQL endpoint: the HTTP status (none when unreachable) and the server's errors. */
export class GraphQLFailure extends Error {
  constructor(
    readonly status: number | undefined,
    readonly errors: GraphQLErrorPayload[],
  ) {
    super(errors[0]?.message ?? (status ? `HTTP ${status}` : 'The server could not be reached'));
    this.name = 'GraphQLFailure';
  }
}

/** POSTs one operation to /graphql with the session cookie; rejects with a GraphQLFailure. */
export async function graphqlRequest<T>(
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URI, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLFailure(undefined, []);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T | null;
    errors?: GraphQLErrorPayload[];
  };
  if (!response.ok || body.errors?.length || !body.data) {
    throw new GraphQLFailure(response.status, body.errors ?? []);
  }
  return body.data;
}
