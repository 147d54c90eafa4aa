import { registerEnumType } from 'type-graphql';

/** Roles of signed-in users; what each may do is in access-matrix.ts. */
export enum Role {
  ADMIN = 'ADMIN',
  AGENCY_OFFICER = 'AGENCY_OFFICER',
  GROUP_MEMBER = 'GROUP_MEMBER',
  ANALYST = 'ANALYST',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, { name: 'Role', description: 'What a signed-in user may do.' });

/** Roles that may change some records; the access matrix and each service decide which. */
export const WRITERS = [Role.ADMIN, Role.AGENCY_OFFICER, Role.GROUP_MEMBER];

/**
 * Roles that read every row of every table (row-level security's app_reads_all() says the same):
 * their aggregates need no wider connection and their totals are the table's.
 */
export const readsEveryRow = (role: Role | undefined): boolean =>
  role === Role.ADMIN || role === Role.ANALYST;
