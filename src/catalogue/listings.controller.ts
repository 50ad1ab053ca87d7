import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
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
  @Roles('org_manager', 'business_operator')
  @ApiOperation({
    summary:
      'Offer a service in the catalogue for your organisation, institution or business: administration, materials or a room.',
  })
  @ApiCreatedResponse({ type: ListingDto })
  @ApiProblems(400, 401, 403)
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() input: CreateListingDto,
  ): Promise<ListingDto> {
    return this.listings.create(actor, input);
  }

  @Get()
  @ApiOperation({
    summary:
      'Search the catalogue by category, district, text and provider; with from and to, only listings free for that whole window.',
  })
  @ApiOkResponse({ type: ListingPageDto })
  @ApiProblems(400, 401)
  search(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListingQueryDto) {
    return this.listings.search(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ListingDto })
  @ApiProblems(400, 401, 404)
  get(@Param('id', uuidPipe()) id: string): Promise<ListingDto> {
    return this.listings.get(id);
  }

  @Patch(':id')
  @Roles('org_manager', 'business_operator')
  @ApiOperation({
    summary:
      'Change a listing of your party, e.g. {"status":"paused"} or {"status":"active"}; bookings made keep their terms.',
  })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: UpdateListingDto,
  ): Promise<ListingDto> {
    return this.listings.update(actor, id, input);
  }

  @Get(':id/availability')
  @ApiOperation({
    summary:
      'Free, busy and closed intervals of a listing in a window (default: the next 7 days; at most 62), with the units that remain free.',
  })
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiProblems(400, 401, 404)
  availability(
    @Param('id', uuidPipe()) id: string,
    @Query() query: WindowQueryDto,
  ): Promise<AvailabilityDto> {
    return this.listings.availability(id, query.from, query.to);
  }

  @Get(':id/calendar')
  @ApiOperation({
    summary:
      'The provider’s calendar of a listing: bookings with the booker’s name, and blocked periods, in a window.',
  })
  @ApiOkResponse({ type: CalendarDto })
  @ApiProblems(400, 401, 403, 404)
  calendar(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Query() query: WindowQueryDto,
  ): Promise<CalendarDto> {
    return this.listings.calendar(actor, id, query.from, query.to);
  }

  @Post(':id/blocked-periods')
  @Roles('org_manager', 'business_operator')
  @ApiOperation({
    summary:
      'Block a listing (all units or some) for maintenance or own use; refused while bookings fall in the period.',
  })
  @ApiCreatedResponse({ type: BlockedPeriodDto })
  @ApiProblems(400, 401, 403, 404, 409)
  addBlockedPeriod(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: CreateBlockedPeriodDto,
  ): Promise<BlockedPeriodDto> {
    return this.listings.addBlockedPeriod(actor, id, input);
  }

  @Delete(':id/blocked-periods/:blockedPeriodId')
  @HttpCode(204)
  @Roles('org_manager', 'business_operator')
  @ApiNoContentResponse({ description: 'The period is free again.' })
  @ApiProblems(400, 401, 403, 404)
  removeBlockedPeriod(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Param('blockedPeriodId', uuidPipe('blockedPeriodId')) blockedPeriodId: string,
  ): Promise<void> {
    return this.listings.removeBlockedPeriod(actor, id, blockedPeriodId);
  }
}
