import { ApolloLink, HttpLink, Observable, from } from '@apollo/client';
import { GRAPHQL_URI } from './graphqlRequest';

/**
 * NOTE: the server answers some failures with HTTP 400/413 and GraphQL errors in the body (a date
 * it cannot read, a body too large). Apollo reports those as a network error, and ra-data-graphql
 * then drops the body; passing them on as GraphQL errors keeps their code, rule and field.
 */
const httpErrorsAsGraphQLErrors = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        complete: () => observer.complete(),
        error: (error: unknown) => {
          const errors = (error as { result?: { errors?: unknown } } | null)?.result?.errors;
          if (Array.isArray(errors) && errors.length > 0) {
            observer.next({ errors });
            observer.complete();
          } else {
            observer.error(error);
          }
        },
      });
      return () => subscription.unsubscribe();
    }),
);

export const apolloLink = from([
  httpErrorsAsGraphQLErrors,
  new HttpLink({ uri: GRAPHQL_URI, credentials: 'same-origin' }),
]);
