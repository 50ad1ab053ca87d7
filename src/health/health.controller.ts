import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Database } from '../database/database.service.js';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
  @ApiProperty({ example: 'sqlite', enum: ['sqlite', 'postgres'] }) database: string;
  @ApiProperty({
    example: true,
    description: 'A small write (the health probe row) was committed durably just now.',
  })
  ledgerWritable: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<HealthDto> {
    const checkedAt = this.clock.now().toISOString();
    try {
      await this.database.read((tx) => tx.sql.get('SELECT 1 AS ok'));
      // Committed, not rolled back: only a commit reaches the disk, and a full disk must show here.
      await this.database.transaction((tx) =>
        tx.sql.run('UPDATE health_probe SET checked_at = ? WHERE id = 1', [checkedAt]),
      );
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE');
    }
    return { status: 'ok', database: this.database.dialect, ledgerWritable: true, checkedAt };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Endpoint({ access: 'public', ok: HealthDto, problems: [503] })
  check(): Promise<HealthDto> {
    return this.health.check();
  }
}

@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
