import { registerEnumType } from 'type-graphql';

/** Roles of signed-in users. Only ADMIN is used so far; the others arrive with access control. */
export enum Role {
  ADMIN = 'ADMIN',
  AGENCY_OFFICER = 'AGENCY_OFFICER',
  GROUP_MEMBER = 'GROUP_MEMBER',
  ANALYST = 'ANALYST',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, { name: 'Role', description: 'What a signed-in user may do.' });

/** Roles allowed to change business records. */
export const WRITERS = [Role.ADMIN];
