import { Foundation1763900000000 } from './1763900000000-foundation.js';
import { Ledger1763900100000 } from './1763900100000-ledger.js';
import { PartyBirthDate1763900150000 } from './1763900150000-party-birth-date.js';
import { LedgerClosingBalances1763900160000 } from './1763900160000-ledger-closing-balances.js';
import { AuditLog1763900170000 } from './1763900170000-audit-log.js';
import { UserSessionVersion1763900180000 } from './1763900180000-user-session-version.js';
import { Volunteering1763900220000 } from './1763900220000-volunteering.js';
import { Passes1763900230000 } from './1763900230000-passes.js';
import { Catalogue1763900240000 } from './1763900240000-catalogue.js';
import { HealthProbe1763900250000 } from './1763900250000-health-probe.js';
import { PostingsByEntrySequence1763900260000 } from './1763900260000-postings-by-entry-sequence.js';
import { AuthSessions1763900270000 } from './1763900270000-auth-sessions.js';
import { IdempotencyRecords1763900300000 } from './1763900300000-idempotency-records.js';
import { ModuleOwnedMovements1763900400000 } from './1763900400000-module-owned-movements.js';
import { CreditLimitProposals1763900410000 } from './1763900410000-credit-limit-proposals.js';
import { LedgerAccountPartyKind1763900500000 } from './1763900500000-ledger-account-party-kind.js';
import { OfferValueChanges1763900510000 } from './1763900510000-offer-value-changes.js';
import { UserAccounts1763900600000 } from './1763900600000-user-accounts.js';
import { PassPinFailures1763900700000 } from './1763900700000-pass-pin-failures.js';
import { IntegrityChecks1763901100000 } from './1763901100000-integrity-checks.js';
import { RedemptionTotals1763901200000 } from './1763901200000-redemption-totals.js';
import { LedgerIntegrityCheckpoints1763901300000 } from './1763901300000-ledger-integrity-checkpoints.js';

/** Every migration, oldest first. Listed by hand so that the build needs no file globbing. */
export const MIGRATIONS = [
  Foundation1763900000000,
  Ledger1763900100000,
  PartyBirthDate1763900150000,
  LedgerClosingBalances1763900160000,
  AuditLog1763900170000,
  UserSessionVersion1763900180000,
  Volunteering1763900220000,
  Passes1763900230000,
  Catalogue1763900240000,
  HealthProbe1763900250000,
  PostingsByEntrySequence1763900260000,
  AuthSessions1763900270000,
  IdempotencyRecords1763900300000,
  ModuleOwnedMovements1763900400000,
  CreditLimitProposals1763900410000,
  LedgerAccountPartyKind1763900500000,
  OfferValueChanges1763900510000,
  UserAccounts1763900600000,
  PassPinFailures1763900700000,
  IntegrityChecks1763901100000,
  RedemptionTotals1763901200000,
  LedgerIntegrityCheckpoints1763901300000,
];
