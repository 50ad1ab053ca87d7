import { CreditLimitProposal } from './entities/credit-limit-proposal.entity.js';
import { IntegrityCheck } from './entities/integrity-check.entity.js';

/** TypeORM entities of the treasury module, gathered into src/entities.ts. */
export const TREASURY_ENTITIES: Array<new () => object> = [CreditLimitProposal, IntegrityCheck];
