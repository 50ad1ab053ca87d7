import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { Database } from '../database/database.service.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: 'sqlite', enum: ['sqlite', 'postgres'] }) database: string;
  @ApiProperty({ example: true, description: 'A write transaction on the ledger could be opened (and was rolled back).' }) ledgerWritable: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

/** Thrown inside the probe transaction so that it always rolls back. */
class ProbeRollback extends Error {}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<HealthDto> {
    try {
      await this.database.read((tx) => tx.sql.get('SELECT 1 AS ok'));
      await this.database
        .transaction(async (tx) => {
          await tx.sql.run('UPDATE ledger_chain SET last_sequence = last_sequence WHERE id = 1');
          throw new ProbeRollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof ProbeRollback)) throw error;
        });
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE');
    }
    return { status: 'ok', database: this.database.dialect, ledgerWritable: true, checkedAt: this.clock.now().toISOString() };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(503)
  check(): Promise<HealthDto> {
    return this.health.check();
  }
}

@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
