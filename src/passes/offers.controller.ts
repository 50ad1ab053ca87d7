import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
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
  @ApiBearerAuth()
  @Roles('business_operator')
  @ApiOperation({
    summary:
      'Publish an offer of your business: title and description in Dutch and English, price in STK, euro value.',
  })
  @ApiCreatedResponse({ type: OfferDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentUser() actor: AuthenticatedUser, @Body() input: CreateOfferDto) {
    return this.offers.create(actor.partyId!, actor.id, input);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Offers redeemable today, for anyone (no login needed); ?businessId or ?district to narrow them.',
  })
  @ApiOkResponse({ type: OfferPageDto })
  @ApiProblems(400)
  list(@Query() query: ListRedeemableOffersQueryDto) {
    return this.offers.listRedeemable(query);
  }

  @Get('managed')
  @ApiBearerAuth()
  @Roles('business_operator', 'admin', 'treasurer')
  @ApiOperation({
    summary:
      'Every offer of your business in any state (admins and treasurers: all, or ?businessId).',
  })
  @ApiOkResponse({ type: OfferPageDto })
  @ApiProblems(400, 401, 403)
  listManaged(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListManagedOffersQueryDto) {
    return this.offers.listManaged(actor, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One offer (no login needed).' })
  @ApiOkResponse({ type: OfferDto })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe()) id: string) {
    return this.offers.get(id);
  }

  @Get(':id/value-history')
  @ApiBearerAuth()
  @Roles('treasurer', 'admin', 'business_operator')
  @ApiOperation({
    summary:
      'Every price and euro value the offer has had, oldest first (treasurer, admin, or the offer’s own business).',
  })
  @ApiOkResponse({ type: OfferValueChangePageDto })
  @ApiProblems(400, 401, 403, 404)
  valueHistory(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.offers.valueHistory(actor, id, query);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @Roles('business_operator')
  @ApiOperation({
    summary:
      'Change or withdraw an offer of your business; past redemptions keep their price and value.',
  })
  @ApiOkResponse({ type: OfferDto })
  @ApiProblems(400, 401, 403, 404)
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: UpdateOfferDto,
  ) {
    return this.offers.update(actor, id, input);
  }
}
