import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import { EmptyBodyPipe } from '../common/http/empty-body.pipe.js';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { CreditLimitsService } from './credit-limits.service.js';
import {
  CreditLimitProposalDto,
  ProposeCreditLimitDto,
  RejectCreditLimitDto,
} from './dto/credit-limit.dto.js';

/** Credit limits with four eyes: an admin proposes and a treasurer approves, or the other way round. */
@ApiTags('treasury')
@ApiBearerAuth()
@Roles('admin', 'treasurer')
@Controller('treasury/credit-limits')
export class CreditLimitsController {
  constructor(private readonly creditLimits: CreditLimitsService) {}

  @Post()
  @Endpoint({
    summary:
      'Propose an account’s credit limit (admin or treasurer): below zero only for an organisation, at most ORGANISATION_CREDIT_LIMIT_MAX; it takes effect when the other role approves.',
    created: CreditLimitProposalDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  propose(@CurrentUser() actor: AuthenticatedUser, @Body() input: ProposeCreditLimitDto) {
    return this.creditLimits.propose(actor, input);
  }

  @Get()
  @Endpoint({
    summary: 'The credit limit proposals waiting for a second person, oldest first.',
    ok: [CreditLimitProposalDto],
    problems: [401, 403],
  })
  listPending() {
    return this.creditLimits.listPending();
  }

  @Post(':id/approve')
  @Endpoint({
    summary:
      'Approve a waiting proposal (the other role than the proposer, never the proposer): the ledger sets the limit.',
    ok: CreditLimitProposalDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  approve(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.creditLimits.approve(actor, id);
  }

  @Post(':id/reject')
  @Endpoint({
    summary: 'Reject a waiting proposal with a reason (admin or treasurer, the proposer too).',
    ok: CreditLimitProposalDto,
    problems: [400, 401, 403, 404, 409],
  })
  reject(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: RejectCreditLimitDto,
  ) {
    return this.creditLimits.reject(actor, id, input.reason);
  }
}
