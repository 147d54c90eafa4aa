import { usePermissions } from 'react-admin';
import { reachOf, type RoleName } from '../../../server/src/common/access-matrix';

/**
 * Whether the signed-in role may read a resource's records at all (the access matrix), for data a
 * screen fetches; unlike canAccess it says nothing of whether the role gets that resource's screens
 * (a viewer reads the funds its dashboard sums, but has no fund screens).
 */
export const useMayRead = () => {
  const { permissions } = usePermissions<RoleName | null>();
  return (resource: string) =>
    permissions != null && reachOf(resource, permissions, 'read') != null;
};
