import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider, Identifier } from 'react-admin';
import introspection from 'virtual:graphql-introspection';
import { apolloLink } from './apolloLink';
import { GRAPHQL_URI, graphqlRequest } from './graphqlRequest';
import { serverError } from './serverErrors';
import type { MemorandumProgress } from '../Memorandum/progress';

export interface AppDataProvider extends DataProvider {
  memorandumProgress(memorandumId: Identifier): Promise<MemorandumProgress>;
}

const MEMORANDUM_PROGRESS = `query MemorandumProgress($id: ID!) {
  memorandumProgress(memorandumId: $id) {
    percent
    memorandum { id title }
    areas {
      area commitmentCount completedCount targetQuantity achievedQuantity percent status
      commitments { id title status achievedQuantity targetQuantity targetUnit }
    }
  }
}`;

const graphqlProvider = buildGraphQLProvider({
  clientOptions: { uri: GRAPHQL_URI, credentials: 'same-origin', link: apolloLink },
  introspection: { schema: introspection.__schema },
});

/** Rejects with a translated error; create and update also hand the form its field errors. */
function translated<P, R>(
  call: (resource: string, params: P) => Promise<R>,
  formValuesOf?: (params: NoInfer<P>) => Record<string, unknown>,
) {
  return (resource: string, params: P) =>
    call(resource, params).catch((error: unknown) => {
      throw serverError(error, resource, formValuesOf?.(params));
    });
}

const dataOf = (params: { data: object }) => params.data as Record<string, unknown>;

export const dataProvider: AppDataProvider = {
  getList: translated(graphqlProvider.getList),
  getOne: translated(graphqlProvider.getOne),
  getMany: translated(graphqlProvider.getMany),
  getManyReference: translated(graphqlProvider.getManyReference),
  create: translated(graphqlProvider.create, dataOf),
  update: translated(graphqlProvider.update, dataOf),
  updateMany: translated(graphqlProvider.updateMany),
  delete: translated(graphqlProvider.delete),
  deleteMany: translated(graphqlProvider.deleteMany),
  memorandumProgress: (memorandumId) =>
    graphqlRequest<{ memorandumProgress: MemorandumProgress }>(MEMORANDUM_PROGRESS, {
      id: memorandumId,
    }).then(
      (data) => data.memorandumProgress,
      (error: unknown) => {
        throw serverError(error, 'Memorandum');
      },
    ),
};
