import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import { CalendarDto } from './dto/booking.dto.js';
import {
  AvailabilityDto,
  BlockedPeriodDto,
  CreateBlockedPeriodDto,
  CreateListingDto,
  ListingDto,
  ListingQueryDto,
  UpdateListingDto,
  WindowQueryDto,
} from './dto/listing.dto.js';
import { ListingsService } from './listings.service.js';

const ListingPageDto = PageOf(ListingDto);

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('listings')
export class ListingsController {
  constructor(private readonly listings: ListingsService) {}

  @Post()
  @Endpoint({
    access: ['org_manager', 'business_operator'],
    summary:
      'Offer a service in the catalogue for your organisation, institution or business: administration, materials or a room.',
    created: ListingDto,
    problems: [400, 401, 403],
  })
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() input: CreateListingDto,
  ): Promise<ListingDto> {
    return this.listings.create(actor, input);
  }

  @Get()
  @Endpoint({
    summary:
      'Search the catalogue by category, district, text and provider; with from and to, only listings free for that whole window.',
    ok: ListingPageDto,
    problems: [400, 401],
  })
  search(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListingQueryDto) {
    return this.listings.search(actor, query);
  }

  @Get(':id')
  @Endpoint({ ok: ListingDto, problems: [400, 401, 404] })
  get(@Param('id', uuidPipe()) id: string): Promise<ListingDto> {
    return this.listings.get(id);
  }

  @Patch(':id')
  @Endpoint({
    access: ['org_manager', 'business_operator'],
    summary:
      'Change a listing of your party, e.g. {"status":"paused"} or {"status":"active"}; bookings made keep their terms.',
    ok: ListingDto,
    problems: [400, 401, 403, 404, 409],
  })
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: UpdateListingDto,
  ): Promise<ListingDto> {
    return this.listings.update(actor, id, input);
  }

  @Get(':id/availability')
  @Endpoint({
    summary:
      'Free, busy and closed intervals of a listing in a window (default: the next 7 days; at most 62), with the units that remain free.',
    ok: AvailabilityDto,
    problems: [400, 401, 404],
  })
  availability(
    @Param('id', uuidPipe()) id: string,
    @Query() query: WindowQueryDto,
  ): Promise<AvailabilityDto> {
    return this.listings.availability(id, query.from, query.to);
  }

  @Get(':id/calendar')
  @Endpoint({
    summary:
      'The provider’s calendar of a listing: bookings with the booker’s name, and blocked periods, in a window.',
    ok: CalendarDto,
    problems: [400, 401, 403, 404],
  })
  calendar(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Query() query: WindowQueryDto,
  ): Promise<CalendarDto> {
    return this.listings.calendar(actor, id, query.from, query.to);
  }

  @Post(':id/blocked-periods')
  @Endpoint({
    access: ['org_manager', 'business_operator'],
    summary:
      'Block a listing (all units or some) for maintenance or own use; refused while bookings fall in the period.',
    created: BlockedPeriodDto,
    problems: [400, 401, 403, 404, 409],
  })
  addBlockedPeriod(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: CreateBlockedPeriodDto,
  ): Promise<BlockedPeriodDto> {
    return this.listings.addBlockedPeriod(actor, id, input);
  }

  @Delete(':id/blocked-periods/:blockedPeriodId')
  @Endpoint({
    access: ['org_manager', 'business_operator'],
    noContent: 'The period is free again.',
    problems: [400, 401, 403, 404],
  })
  removeBlockedPeriod(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Param('blockedPeriodId', uuidPipe('blockedPeriodId')) blockedPeriodId: string,
  ): Promise<void> {
    return this.listings.removeBlockedPeriod(actor, id, blockedPeriodId);
  }
}
