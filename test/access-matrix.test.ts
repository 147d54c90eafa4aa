/**
 * The IDOR matrix with both walls standing, as the server runs: requests connect as the app role,
 * so the services' scope and PostgreSQL's row-level security both apply.
 */
import { defineIdorMatrix } from './support/idor-matrix';

defineIdorMatrix({ requestsAs: 'app' });
