import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import { EmptyBodyPipe } from '../common/http/empty-body.pipe.js';
import {
  IdempotencyKey,
  OptionalIdempotencyKey,
} from '../common/http/idempotency-key.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import { BulkTimeClaimsService } from './bulk-time-claims.service.js';
import {
  BulkTimeClaimsDto,
  ListTimeClaimsQueryDto,
  RejectTimeClaimDto,
  RevokeTimeClaimDto,
  SubmitTimeClaimDto,
  TimeClaimBatchDto,
  TimeClaimDto,
  WithdrawTimeClaimDto,
} from './dto/time-claim.dto.js';
import { TimeClaimsService } from './time-claims.service.js';

const TimeClaimPageDto = PageOf(TimeClaimDto);

@ApiTags('volunteering')
@ApiBearerAuth()
@Controller('time-claims')
export class TimeClaimsController {
  constructor(
    private readonly claims: TimeClaimsService,
    private readonly bulk: BulkTimeClaimsService,
  ) {}

  @Post()
  @Endpoint({
    access: ['volunteer'],
    summary:
      'Claim hours given to an organisation (volunteer): quarter-hour steps, not in the future, at most 24 hours a day across all claims.',
    idempotent: 'key optional',
    created: TimeClaimDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  submit(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Body() input: SubmitTimeClaimDto,
  ) {
    return this.claims.submit(actor, input, key);
  }

  @Get()
  @Endpoint({
    access: ['volunteer', 'org_manager', 'admin', 'treasurer'],
    summary:
      'Time claims: a volunteer sees their own, an organisation’s manager those made to it, admins and treasurers all. Oldest first.',
    ok: TimeClaimPageDto,
    problems: [400, 401, 403],
  })
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListTimeClaimsQueryDto) {
    return this.claims.list(actor, query);
  }

  @Post('bulk')
  @Endpoint({
    access: ['org_manager'],
    summary:
      'Record one activity with many volunteers (org manager): every participant is checked first; all are paid, or none with a list of why.',
    idempotent: 'key required',
    created: TimeClaimBatchDto,
    problems: [400, 401, 403, 409, 422],
  })
  recordBulk(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: BulkTimeClaimsDto,
  ) {
    return this.bulk.record(actor, input, key);
  }

  @Get(':id')
  @Endpoint({
    access: ['volunteer', 'org_manager', 'admin', 'treasurer'],
    ok: TimeClaimDto,
    problems: [400, 401, 403, 404],
  })
  get(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.claims.get(actor, id);
  }

  @Post(':id/approve')
  @Endpoint({
    access: ['org_manager'],
    summary:
      'Approve a requested claim (the organisation’s manager): one HOURS entry pays hours × the rate in force, once.',
    idempotent: 'key required',
    ok: TimeClaimDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  approve(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.claims.approve(actor, id, key);
  }

  @Post(':id/reject')
  @Endpoint({
    access: ['org_manager'],
    summary:
      'Reject a requested claim with a reason (the organisation’s manager); nothing is paid.',
    ok: TimeClaimDto,
    problems: [400, 401, 403, 404, 409],
  })
  reject(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: RejectTimeClaimDto,
  ) {
    return this.claims.reject(actor, id, input.reason);
  }

  @Post(':id/revoke')
  @Endpoint({
    access: ['org_manager', 'treasurer'],
    summary:
      'Revoke an approved claim with a reason (the organisation’s manager or a treasurer): its HOURS entry is reversed and its hours stop counting for the fiscal guardrail.',
    ok: TimeClaimDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  revoke(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: RevokeTimeClaimDto,
  ) {
    return this.claims.revoke(actor, id, input.reason);
  }

  @Post(':id/withdraw')
  @Endpoint({
    access: ['volunteer'],
    summary: 'Withdraw your own claim while it is still requested (volunteer).',
    ok: TimeClaimDto,
    problems: [400, 401, 403, 404, 409],
  })
  withdraw(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: WithdrawTimeClaimDto,
  ) {
    return this.claims.withdraw(actor, id, input.reason);
  }
}
