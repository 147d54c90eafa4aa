import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from './context';
import { forbidden, unauthenticated } from './errors';

/** Deny by default: a root field is reachable only with @Authorized (signed in, maybe a role) or @Public. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
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
