import { DomainError } from '../common/errors/domain-error.js';

/** Erasure is refused while Steerkes remain: they are not lost silently, nor kept for nobody. */
export class ErasureBalanceRemainsError extends DomainError {
  constructor(balance: string, pending: string) {
    super('ERASURE_BALANCE_REMAINS', { balance, pending });
  }
}
