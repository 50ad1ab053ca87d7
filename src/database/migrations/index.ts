import { Foundation1763900000000 } from './1763900000000-foundation.js';
import { Ledger1763900100000 } from './1763900100000-ledger.js';

/** Every migration, oldest first. Listed by hand so that the build needs no file globbing. */
export const MIGRATIONS = [Foundation1763900000000, Ledger1763900100000];
