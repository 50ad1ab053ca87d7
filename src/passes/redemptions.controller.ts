import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
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
import {
  ListRedemptionsQueryDto,
  RedeemDto,
  RedemptionDto,
  RedemptionReceiptDto,
  ReverseRedemptionDto,
  SponsorshipQueryDto,
  SponsorshipSummaryDto,
} from './dto/redemptions.dto.js';
import { RedemptionRateLimitGuard } from './redemption-rate-limit.guard.js';
import { RedemptionsService } from './redemptions.service.js';

const RedemptionPageDto = PageOf(RedemptionDto);

@ApiTags('redemptions')
@ApiBearerAuth()
@Controller('redemptions')
export class RedemptionsController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Post()
  @Endpoint({
    access: ['business_operator'],
    summary:
      'Redeem a pass for an offer of your business: checks pass (check digit, status, PIN), offer, stock, limits and the fiscal guardrail, then books one REDEEM entry from the volunteer to the business.',
    idempotent: 'key required',
    created: RedemptionReceiptDto,
    problems: [400, 401, 403, 404, 409, 422, 429],
  })
  @UseGuards(RedemptionRateLimitGuard)
  redeem(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: RedeemDto,
  ) {
    return this.redemptions.redeem(actor, input, key);
  }

  @Get()
  @Endpoint({
    access: ['business_operator', 'volunteer', 'admin', 'treasurer'],
    summary:
      'Redemptions, oldest first: a business’s own, a volunteer’s own, or (admin, treasurer) all.',
    ok: RedemptionPageDto,
    problems: [400, 401, 403],
  })
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListRedemptionsQueryDto) {
    return this.redemptions.list(actor, query);
  }

  @Get('summary')
  @Endpoint({
    access: ['business_operator', 'admin', 'treasurer'],
    summary:
      'A business’s sponsorship in a year: redemptions that stand, in STK and in euro value, per month.',
    ok: SponsorshipSummaryDto,
    problems: [400, 401, 403, 404],
  })
  summary(@CurrentUser() actor: AuthenticatedUser, @Query() query: SponsorshipQueryDto) {
    return this.redemptions.summary(actor, query);
  }

  @Get(':id')
  @Endpoint({
    access: ['business_operator', 'volunteer', 'admin', 'treasurer'],
    ok: RedemptionDto,
    problems: [400, 401, 403, 404],
  })
  get(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.redemptions.get(actor, id);
  }

  @Post(':id/void')
  @Endpoint({
    access: ['business_operator'],
    summary:
      'Void a redemption of your business within the void window (default 15 minutes): the Steerkes go back, stock and limits are restored.',
    idempotent: 'key optional',
    ok: RedemptionDto,
    problems: [400, 401, 403, 404, 409],
  })
  void(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.redemptions.void(actor, id, key);
  }

  @Post(':id/reversal')
  @Endpoint({
    access: ['treasurer'],
    summary:
      'Reverse a redemption at any time (treasurer): a REVERSAL entry; stock and limits are restored.',
    idempotent: 'key required',
    created: RedemptionDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  reverse(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ReverseRedemptionDto,
  ) {
    return this.redemptions.reverse(actor, id, input.description, key);
  }
}
