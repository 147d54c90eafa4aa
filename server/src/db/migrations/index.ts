import { Initial1795821613429 } from './1795821613429-initial';

/** Every migration, in order. Listed explicitly so the compiled server and the tests load the same set. */
export const migrations = [Initial1795821613429];
