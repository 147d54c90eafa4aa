import type { AppDataProvider } from './dataProvider';

let loading: Promise<AppDataProvider> | null = null;

/** The real provider (Apollo Client, ra-data-graphql and the schema), fetched on first use. */
const load = () => {
  if (!loading) {
    const request = import('./dataProvider').then((module) => module.dataProvider);
    // A failed download is not remembered: the next call tries again.
    request.catch(() => {
      if (loading === request) loading = null;
    });
    loading = request;
  }
  return loading;
};

/**
 * NOTE: react-admin reads these as flags, not methods: answering them with a function would
 * switch behaviour on (`supportAbortSignal`) or make the provider look like a promise (`then`).
 */
const NOT_METHODS = new Set(['then', 'supportAbortSignal']);

/**
 * PERF: the data provider carries the GraphQL client and the schema (a third of the admin's
 * weight), and the sign-in page calls none of it. Every method is forwarded to the real provider,
 * loaded on the first call, so new operations need no change here.
 */
export const dataProvider = new Proxy({} as AppDataProvider, {
  get(_target, name) {
    if (typeof name !== 'string' || NOT_METHODS.has(name)) return undefined;
    return (...args: unknown[]) =>
      load().then((provider) => {
        const method = provider[name as keyof AppDataProvider] as unknown;
        if (typeof method !== 'function') throw new Error(`Unknown data provider method ${name}`);
        return (method as (...a: unknown[]) => unknown).apply(provider, args);
      });
  },
});
