import type { ResolverData } from 'type-graphql';
import type { RequestContext } from './context';
import { forbidden, unauthenticated } from './errors';

/**
 * Deny by default: a root field is reachable only with @Authorized (signed in, maybe a role) or
 * @Public. Synchronous, so a resolver that calls it directly (direct-resolvers.ts) cannot miss a
 * refusal by not awaiting it. An arrow function: type-graphql takes anything with a prototype for
 * a checker class to instantiate.
 */
export const authChecker = ({ context }: ResolverData<RequestContext>, roles: string[]): true => {
  if (!context.user) throw unauthenticated();
  if (roles.length === 0 || roles.includes(context.user.role)) return true;
  throw forbidden();
};

const publicFields = new Set<string>();

/** Marks a query or mutation that anonymous callers may use (signing in, asking who is signed in). */
export function Public(): MethodDecorator {
  return (target, propertyKey) => {
    publicFields.add(`${target.constructor.name}.${String(propertyKey)}`);
  };
}

export function isPublic(className: string, methodName: string): boolean {
  return publicFields.has(`${className}.${methodName}`);
}
