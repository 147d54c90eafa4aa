/// <reference types="vite/client" />

declare module 'virtual:graphql-introspection' {
  import type { IntrospectionQuery } from 'graphql';

  const introspection: IntrospectionQuery;
  export default introspection;
}
