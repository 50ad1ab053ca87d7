import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { Database } from '../database/database.service.js';
import { Pass } from './entities/pass.entity.js';
import { PassPinFailure } from './entities/pass-pin-failure.entity.js';

/**
 * The passes of a person who asked for erasure (src/privacy): every pass not yet blocked is blocked
 * (reason `other`), and PINs and PIN counts are removed. The passes and their redemptions stay:
 * they are bookkeeping records. Joins the caller's transaction.
 */
@Injectable()
export class PassPrivacy {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  erase(volunteerPartyId: string): Promise<void> {
    return this.database.transaction(async ({ manager }) => {
      const passes = await manager.findBy(Pass, { volunteerPartyId });
      for (const pass of passes) {
        await manager.delete(PassPinFailure, { passId: pass.id });
        await manager.update(
          Pass,
          { id: pass.id },
          pass.status === 'blocked'
            ? { pinHash: null, pinFailures: 0 }
            : {
                pinHash: null,
                pinFailures: 0,
                status: 'blocked',
                blockedAt: this.clock.now().toISOString(),
                blockedReason: 'other',
                blockedBy: null,
              },
        );
      }
    });
  }
}
