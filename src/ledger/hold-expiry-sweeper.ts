import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { LedgerService } from './ledger.service.js';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Marks expired holds as expired once a minute. Correctness does not depend on it: every command
 * releases the expired holds of the accounts it touches, and reads leave them out. The sweep
 * keeps the stored state tidy for reports. Off in tests, which move their own clock.
 */
@Injectable()
export class HoldExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HoldExpirySweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ledger: LedgerService,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  onApplicationBootstrap(): void {
    if (this.configuration.environment === 'test') return;
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const accounts = await this.ledger.releaseExpiredHolds();
      if (accounts > 0) this.logger.log({ message: 'released expired holds', accounts });
    } catch (error) {
      this.logger.error({ message: 'hold expiry sweep failed', error: String(error) });
    }
  }
}
