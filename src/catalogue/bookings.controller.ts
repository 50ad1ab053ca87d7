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
import { BookingLifecycleService } from './booking-lifecycle.service.js';
import { BookingsService } from './bookings.service.js';
import {
  BookingDto,
  BookingListItemDto,
  BookingQueryDto,
  CompleteDto,
  CreateBookingDto,
  ReasonDto,
  RefundDto,
  ReturnDto,
} from './dto/booking.dto.js';

const BookingPageDto = PageOf(BookingListItemDto);

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly lifecycle: BookingLifecycleService,
  ) {}

  @Post()
  @Endpoint({
    summary:
      'Book a listing for your organisation, institution or business: the price (and a deposit) is held on your account; refused whole with 409 BOOKING_CONFLICT (and the nearest free slot) when the window is taken.',
    idempotent: 'key required',
    created: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @IdempotencyKey() key: string,
    @Body() input: CreateBookingDto,
  ) {
    return this.bookings.create(actor, input, key);
  }

  @Get()
  @Endpoint({
    summary:
      'Your party’s bookings, as booker or provider (?as=), by start; admins and treasurers see all.',
    ok: BookingPageDto,
    problems: [400, 401],
  })
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: BookingQueryDto) {
    return this.bookings.list(actor, query);
  }

  @Get(':id')
  @Endpoint({
    summary: 'A booking of your party, with its steps so far.',
    ok: BookingDto,
    problems: [400, 401, 404],
  })
  get(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
  ): Promise<BookingDto> {
    return this.bookings.get(actor, id);
  }

  @Post(':id/confirm')
  @Endpoint({
    summary: 'The provider confirms a requested booking.',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  confirm(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.lifecycle.confirm(actor, id, key);
  }

  @Post(':id/decline')
  @Endpoint({
    summary: 'The provider declines a requested booking; the holds are released.',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  decline(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ReasonDto,
  ) {
    return this.lifecycle.decline(actor, id, input, key);
  }

  @Post(':id/cancel')
  @Endpoint({
    summary:
      'Cancel a requested or confirmed booking. The booker cancels for free until freeCancellationUntil, after that the cancellation fee goes to the provider and the rest is released; the provider cancels free of charge for the booker.',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  cancel(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ReasonDto,
  ) {
    return this.lifecycle.cancel(actor, id, input, key);
  }

  @Post(':id/check-out')
  @Endpoint({
    summary: 'The provider hands out confirmed materials (from 24 hours before the start).',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  checkOut(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ) {
    return this.lifecycle.checkOut(actor, id, key);
  }

  @Post(':id/return')
  @Endpoint({
    summary:
      'The provider records checked-out materials as returned: the price is paid to the provider; a late fee and deposit kept for damage come from the deposit, the rest is released.',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  markReturned(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ReturnDto,
  ) {
    return this.lifecycle.markReturned(actor, id, input, key);
  }

  @Post(':id/refund')
  @Endpoint({
    access: ['org_manager', 'business_operator', 'treasurer'],
    summary:
      'The provider or a treasurer pays back part or all of what a settled (completed, returned or cancelled) booking brought the provider, with a reason.',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  refund(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body() input: RefundDto,
  ) {
    return this.lifecycle.refund(actor, id, input, key);
  }

  @Post(':id/complete')
  @Endpoint({
    summary:
      'The provider completes a room booking (the price is paid) or an administration service (paid for hoursGiven, the rest released).',
    idempotent: 'key optional',
    ok: BookingDto,
    problems: [400, 401, 403, 404, 409, 422],
  })
  complete(
    @CurrentUser() actor: AuthenticatedUser,
    @OptionalIdempotencyKey() key: string | undefined,
    @Param('id', uuidPipe()) id: string,
    @Body() input: CompleteDto,
  ) {
    return this.lifecycle.complete(actor, id, input, key);
  }
}
