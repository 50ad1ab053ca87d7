import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import {
  CreateOfferDto,
  ListManagedOffersQueryDto,
  ListRedeemableOffersQueryDto,
  OfferDto,
  OfferValueChangeDto,
  UpdateOfferDto,
} from './dto/offers.dto.js';
import { PageQueryDto } from '../common/pagination.js';
import { OffersService } from './offers.service.js';

const OfferPageDto = PageOf(OfferDto);
const OfferValueChangePageDto = PageOf(OfferValueChangeDto);

@ApiTags('offers')
@Controller('offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Post()
  @Endpoint({
    access: ['business_operator'],
    summary:
      'Publish an offer of your business: title and description in Dutch and English, price in STK, euro value.',
    created: OfferDto,
    problems: [400, 401, 403],
  })
  @ApiBearerAuth()
  create(@CurrentUser() actor: AuthenticatedUser, @Body() input: CreateOfferDto) {
    return this.offers.create(actor.partyId!, actor.id, input);
  }

  @Get()
  @Endpoint({
    access: 'public',
    summary:
      'Offers redeemable today, for anyone (no login needed); ?businessId or ?district to narrow them.',
    ok: OfferPageDto,
    problems: [400],
  })
  list(@Query() query: ListRedeemableOffersQueryDto) {
    return this.offers.listRedeemable(query);
  }

  @Get('managed')
  @Endpoint({
    access: ['business_operator', 'admin', 'treasurer'],
    summary:
      'Every offer of your business in any state (admins and treasurers: all, or ?businessId).',
    ok: OfferPageDto,
    problems: [400, 401, 403],
  })
  @ApiBearerAuth()
  listManaged(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListManagedOffersQueryDto) {
    return this.offers.listManaged(actor, query);
  }

  @Get(':id')
  @Endpoint({
    access: 'public',
    summary: 'One offer (no login needed).',
    ok: OfferDto,
    problems: [400, 404],
  })
  get(@Param('id', uuidPipe()) id: string) {
    return this.offers.get(id);
  }

  @Get(':id/value-history')
  @Endpoint({
    access: ['treasurer', 'admin', 'business_operator'],
    summary:
      'Every price and euro value the offer has had, oldest first (treasurer, admin, or the offer’s own business).',
    ok: OfferValueChangePageDto,
    problems: [400, 401, 403, 404],
  })
  @ApiBearerAuth()
  valueHistory(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.offers.valueHistory(actor, id, query);
  }

  @Patch(':id')
  @Endpoint({
    access: ['business_operator'],
    summary:
      'Change or withdraw an offer of your business; past redemptions keep their price and value.',
    ok: OfferDto,
    problems: [400, 401, 403, 404],
  })
  @ApiBearerAuth()
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: UpdateOfferDto,
  ) {
    return this.offers.update(actor, id, input);
  }
}
