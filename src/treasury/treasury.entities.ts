import { CreditLimitProposal } from './entities/credit-limit-proposal.entity.js';

/** TypeORM entities of the treasury module, gathered into src/entities.ts. */
export const TREASURY_ENTITIES: Array<new () => object> = [CreditLimitProposal];
