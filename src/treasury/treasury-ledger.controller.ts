import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser, Roles } from '../common/http/access.js';
import { IdempotencyKey } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  ClosedPeriodDto,
  EntryViewDto,
  IntegrityReportDto,
  IntegrityCheckQueryDto,
  IssueDto,
  PeriodParameterDto,
  RetireDto,
} from '../ledger/dto/ledger.dto.js';
import { LedgerAccessService } from '../ledger/ledger-access.service.js';
import { LastIntegrityCheckDto } from './dto/treasury.dto.js';
import { IntegrityChecksService } from './integrity-checks.service.js';

/** The treasurer's movements of the money supply and the ledger's integrity check, under /treasury. */
@ApiTags('treasury')
@ApiBearerAuth()
@Roles('treasurer')
@Controller('treasury')
export class TreasuryLedgerController {
  constructor(
    private readonly access: LedgerAccessService,
    private readonly integrityChecks: IntegrityChecksService,
  ) {}

  @Get('reconciliation')
  @Endpoint({
    summary:
      'Integrity check: recompute balances from postings, entry sums, running balances, the hash chain, holds. Incremental from the last verified checkpoint unless full=true. Each run’s time, result and counts are kept (GET /treasury/reconciliation/last).',
    ok: IntegrityReportDto,
    problems: [401, 403],
  })
  reconciliation(@CurrentUser() actor: AuthenticatedUser, @Query() query: IntegrityCheckQueryDto) {
    return this.integrityChecks.run(actor, query.full === 'true' ? 'full' : 'incremental');
  }

  @Get('reconciliation/last')
  @Endpoint({
    summary:
      'The last integrity check that finished: when, by whom, its result and what it read; null before the first.',
    ok: LastIntegrityCheckDto,
    problems: [401, 403],
  })
  async lastReconciliation(): Promise<LastIntegrityCheckDto> {
    return { check: await this.integrityChecks.last() };
  }

  @Post('issue')
  @Endpoint({
    summary:
      'Create Steerkes: from the issuance account to an account, e.g. an organisation’s budget.',
    idempotent: 'key required',
    created: EntryViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  issue(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: IssueDto,
  ) {
    return this.access.issue(actor, input, key);
  }

  @Post('periods/:period/close')
  @Endpoint({
    summary:
      'Close a month (YYYY-MM) that has ended: entries dated inside it are refused afterwards.',
    created: ClosedPeriodDto,
    problems: [400, 401, 403, 422],
  })
  closePeriod(@CurrentUser() actor: AuthenticatedUser, @Param() parameters: PeriodParameterDto) {
    return this.access.closePeriod(actor, parameters.period);
  }

  @Post('retire')
  @Endpoint({
    summary:
      'Retire Steerkes handed back, e.g. by a business: from its account to the issuance account.',
    idempotent: 'key required',
    created: EntryViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  retire(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: RetireDto,
  ) {
    return this.access.retire(actor, input, key);
  }
}
