import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
import { EmptyBodyPipe } from '../common/http/empty-body.pipe.js';
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
  @ApiOperation({
    summary:
      'Propose an account’s credit limit (admin or treasurer): below zero only for an organisation, at most ORGANISATION_CREDIT_LIMIT_MAX; it takes effect when the other role approves.',
  })
  @ApiCreatedResponse({ type: CreditLimitProposalDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  propose(@CurrentUser() actor: AuthenticatedUser, @Body() input: ProposeCreditLimitDto) {
    return this.creditLimits.propose(actor, input);
  }

  @Get()
  @ApiOperation({
    summary: 'The credit limit proposals waiting for a second person, oldest first.',
  })
  @ApiOkResponse({ type: [CreditLimitProposalDto] })
  @ApiProblems(401, 403)
  listPending() {
    return this.creditLimits.listPending();
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a waiting proposal (the other role than the proposer, never the proposer): the ledger sets the limit.',
  })
  @ApiOkResponse({ type: CreditLimitProposalDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  approve(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.creditLimits.approve(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject a waiting proposal with a reason (admin or treasurer, the proposer too).',
  })
  @ApiOkResponse({ type: CreditLimitProposalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: RejectCreditLimitDto,
  ) {
    return this.creditLimits.reject(actor, id, input.reason);
  }
}
