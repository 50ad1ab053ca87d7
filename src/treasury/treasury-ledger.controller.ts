import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { IdempotencyKey, IdempotentRoute } from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  ClosedPeriodDto,
  EntryViewDto,
  IntegrityReportDto,
  IssueDto,
  PeriodParameterDto,
  RetireDto,
} from '../ledger/dto/ledger.dto.js';
import { LedgerAccessService } from '../ledger/ledger-access.service.js';
import { LedgerIntegrityService } from '../ledger/ledger-integrity.service.js';

/** The treasurer's movements of the money supply and the ledger's integrity check, under /treasury. */
@ApiTags('treasury')
@ApiBearerAuth()
@Roles('treasurer')
@Controller('treasury')
export class TreasuryLedgerController {
  constructor(
    private readonly access: LedgerAccessService,
    private readonly integrity: LedgerIntegrityService,
  ) {}

  @Get('reconciliation')
  @ApiOperation({
    summary:
      'Integrity check: recompute balances from postings, entry sums, running balances, the hash chain, holds.',
  })
  @ApiOkResponse({ type: IntegrityReportDto })
  @ApiProblems(401, 403)
  reconciliation() {
    return this.integrity.verify();
  }

  @Post('issue')
  @ApiOperation({
    summary:
      'Create Steerkes: from the issuance account to an account, e.g. an organisation’s budget.',
  })
  @IdempotentRoute()
  @ApiCreatedResponse({ type: EntryViewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  issue(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: IssueDto,
  ) {
    return this.access.issue(actor, input, key);
  }

  @Post('periods/:period/close')
  @ApiOperation({
    summary:
      'Close a month (YYYY-MM) that has ended: entries dated inside it are refused afterwards.',
  })
  @ApiCreatedResponse({ type: ClosedPeriodDto })
  @ApiProblems(400, 401, 403, 422)
  closePeriod(@CurrentUser() actor: AuthenticatedUser, @Param() parameters: PeriodParameterDto) {
    return this.access.closePeriod(actor, parameters.period);
  }

  @Post('retire')
  @ApiOperation({
    summary:
      'Retire Steerkes handed back, e.g. by a business: from its account to the issuance account.',
  })
  @IdempotentRoute()
  @ApiCreatedResponse({ type: EntryViewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  retire(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: RetireDto,
  ) {
    return this.access.retire(actor, input, key);
  }
}
