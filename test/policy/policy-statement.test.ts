/**
 * The server's access table (`ACCESS`) and the hand-written policy statement must say the same:
 * a grant changed in one and not the other is a mistake, or a decision somebody has to make twice.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS, type ResourceAccess } from '../../server/src/common/access-matrix';
import { EXPECTED_ACCESS, PERSONAL, RESOURCES, type Reach, type Role } from './expected-access';

const ROLES = Object.keys(EXPECTED_ACCESS) as Role[];
const server = ACCESS as Record<string, ResourceAccess>;

const reachOfServer = (resource: string, role: Role, mode: 'read' | 'write'): Reach | 'none' => {
  const reach = server[resource]?.[mode][role];
  return reach === 'scoped' ? 'own' : (reach ?? 'none');
};
const reachOfStatement = (resource: string, role: Role, mode: 'read' | 'write'): Reach | 'none' =>
  EXPECTED_ACCESS[role][resource as (typeof RESOURCES)[number]]?.[mode] ?? 'none';

describe('the policy statement and the server’s access table', () => {
  it('name the same resources and roles', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...RESOURCES].sort());
    expect(ROLES.sort()).toEqual(['ADMIN', 'AGENCY_OFFICER', 'ANALYST', 'GROUP_MEMBER', 'VIEWER']);
    for (const role of ROLES) {
      const unknown = Object.keys(EXPECTED_ACCESS[role]).filter(
        (r) => !(RESOURCES as readonly string[]).includes(r),
      );
      expect(unknown, `${role} grants on resources that do not exist`).toEqual([]);
    }
  });

  it.each(['read', 'write'] as const)(
    'give every role the same %s grant on every resource',
    (mode) => {
      const disagreements = RESOURCES.flatMap((resource) =>
        ROLES.flatMap((role) => {
          const [inServer, inStatement] = [
            reachOfServer(resource, role, mode),
            reachOfStatement(resource, role, mode),
          ];
          return inServer === inStatement
            ? []
            : [`${role} ${mode} ${resource}: server ${inServer}, statement ${inStatement}`];
        }),
      );
      expect(disagreements).toEqual([]);
    },
  );

  it('agree on which resources hold personal data (their reads are logged)', () => {
    const personal = RESOURCES.filter((resource) => server[resource]?.personal === true);
    expect(personal.sort()).toEqual([...PERSONAL].sort());
  });

  it('never let a role write what it may not read', () => {
    const blind = RESOURCES.flatMap((resource) =>
      ROLES.filter(
        (role) =>
          reachOfStatement(resource, role, 'write') !== 'none' &&
          reachOfStatement(resource, role, 'read') === 'none',
      ).map((role) => `${role} ${resource}`),
    );
    expect(blind).toEqual([]);
  });
});
