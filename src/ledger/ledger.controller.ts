import { Body, Controller, Get, Headers, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import type { Language } from '../common/errors/error-catalogue.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import { EmptyBodyPipe } from '../common/http/empty-body.pipe.js';
import {
  ApiIdempotencyKey,
  IdempotencyKey,
  OptionalIdempotencyKey,
} from '../common/http/idempotency-key.decorator.js';
import { preferredLanguage } from '../common/http/language.js';
import { describeRefusal } from '../common/http/problem-details.filter.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  AccountDto,
  AccountPolicyDto,
  EntryDto,
  EntryViewDto,
  HoldDto,
  HoldViewDto,
  PostHoldDto,
  ReversalDto,
  StatementDto,
  StatementQueryDto,
  TransferBatchDto,
  TransferBatchResultDto,
  TransferDto,
} from './dto/ledger.dto.js';
import {
  LedgerAccessService,
  SPENDING_ROLES,
  type TransferBatchItem,
} from './ledger-access.service.js';

/** Each refusal of a batch in the words of a problem response, in the reader's language. */
function batchAnswer(items: TransferBatchItem[], language: Language): TransferBatchResultDto {
  const results = items.map((item) =>
    item.status === 'booked'
      ? { index: item.index, status: item.status, replayed: item.replayed, entry: item.entry }
      : {
          index: item.index,
          status: item.status,
          refusal: describeRefusal(item.refusal, language),
        },
  );
  const booked = items.filter((item) => item.status === 'booked').length;
  return { booked, refused: items.length - booked, results };
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(private readonly access: LedgerAccessService) {}

  @Get('accounts/:id')
  @Endpoint({ ok: AccountDto, problems: [400, 401, 404] })
  getAccount(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.access.getAccount(actor, id);
  }

  @Get('accounts/:id/postings')
  @Endpoint({
    summary:
      'Statement: postings in booking order with the running balance; ?from&to filter on effective date, ?asOf adds the balance as of that date.',
    ok: StatementDto,
    problems: [400, 401, 404],
  })
  statement(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Query() query: StatementQueryDto,
  ) {
    return this.access.statement(actor, id, query);
  }

  @Put('accounts/:id/policy')
  @Endpoint({
    access: ['admin'],
    summary: 'Set an account’s balance limits and status (admin).',
    ok: AccountDto,
    problems: [400, 401, 403, 404],
  })
  updatePolicy(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: AccountPolicyDto,
  ) {
    return this.access.updatePolicy(actor, id, input);
  }

  @Get('parties/:id/accounts')
  @Endpoint({ ok: [AccountDto], problems: [400, 401, 404] })
  accountsOfParty(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.access.accountsOfParty(actor, id);
  }

  @Post('transfers')
  @Endpoint({
    summary: 'Move Steerkes from an account of your party to another account.',
    idempotent: 'key required',
    created: EntryViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  transfer(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: TransferDto,
  ) {
    return this.access.transfer(actor, input, key);
  }

  @Post('transfers/batch')
  @Endpoint({
    access: [...SPENDING_ROLES],
    summary:
      'Up to 1000 transfers in one request and one commit, each checked as POST /transfers checks it and booked or refused on its own; ' +
      'transfer i is idempotent under the Idempotency-Key and its position.',
    ok: TransferBatchResultDto,
    problems: [400, 401, 403, 413],
  })
  @ApiIdempotencyKey(true)
  async transferBatch(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: TransferBatchDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<TransferBatchResultDto> {
    return batchAnswer(
      await this.access.transferBatch(actor, input, key),
      preferredLanguage(acceptLanguage),
    );
  }

  @Post('entries')
  @Endpoint({
    access: ['treasurer'],
    summary: 'Book a multi-posting entry (treasurer); postings are signed and sum to zero.',
    idempotent: 'key required',
    created: EntryViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  bookEntry(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: EntryDto,
  ) {
    return this.access.bookEntry(actor, input, key);
  }

  @Get('entries/:id')
  @Endpoint({ ok: EntryViewDto, problems: [400, 401, 404] })
  getEntry(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.access.getEntry(actor, id);
  }

  @Post('entries/:id/reversal')
  @Endpoint({
    access: ['treasurer'],
    summary: 'Reverse an entry once (treasurer): a new REVERSAL entry with every posting negated.',
    idempotent: 'key required',
    created: EntryViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  reverse(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ReversalDto,
  ) {
    return this.access.reverse(actor, id, input, key);
  }

  @Post('holds')
  @Endpoint({
    summary:
      'Reserve Steerkes on an account of your party for a later payment (two-phase transfer).',
    idempotent: 'key required',
    created: HoldViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  hold(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: HoldDto,
  ) {
    return this.access.hold(actor, input, key);
  }

  @Get('holds/:id')
  @Endpoint({ ok: HoldViewDto, problems: [400, 401, 404] })
  getHold(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.access.getHold(actor, id);
  }

  @Post('holds/:id/post')
  @Endpoint({
    summary: 'Post a hold, whole or in part (receiving party or treasurer); the rest is released.',
    idempotent: 'key required',
    created: HoldViewDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  postHold(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Param('id', uuidPipe()) id: string,
    @Body() input: PostHoldDto,
  ) {
    return this.access.postHold(actor, id, input, key);
  }

  @Post('holds/:id/void')
  @Endpoint({
    summary: 'Release a hold without paying (receiving party or treasurer).',
    idempotent: 'key optional',
    ok: HoldViewDto,
    problems: [400, 401, 403, 404, 409],
  })
  voidHold(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.access.voidHold(actor, id, key);
  }
}
