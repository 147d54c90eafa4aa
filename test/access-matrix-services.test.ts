/**
 * The IDOR matrix with the first wall alone: the server's requests connect as the database owner,
 * past row-level security, so every cell holds only if the services scope each query themselves.
 * (`rls-wall.test.ts` tests the second wall alone, with the services out of the way.)
 */
import { defineIdorMatrix } from './support/idor-matrix';

defineIdorMatrix({ requestsAs: 'owner' });
