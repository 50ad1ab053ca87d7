import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  FiscalConfigurationDto,
  FiscalLimitsDto,
  FiscalLimitsViewDto,
  FiscalOverviewDto,
  FiscalOverviewQueryDto,
  GuardrailDto,
  PassPolicyDto,
  YearParameterDto,
} from './dto/fiscal.dto.js';
import { FiscalService } from './fiscal.service.js';
import { OfferPolicyDto } from './dto/offers.dto.js';
import { PassesSettingsService } from './passes-settings.service.js';

@ApiTags('fiscal')
@ApiBearerAuth()
@Controller('fiscal')
export class FiscalController {
  constructor(private readonly fiscal: FiscalService) {}

  @Get('limits')
  @ApiOperation({ summary: 'The tax-free limits per year and whether the guardrail is on.' })
  @ApiOkResponse({ type: FiscalConfigurationDto })
  @ApiProblems(401)
  limits() {
    return this.fiscal.listLimits();
  }

  @Put('limits/:year')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set a year’s tax-free limits (admin): per hour by age, per month, per year. A new year is a new row.',
  })
  @ApiOkResponse({ type: FiscalLimitsViewDto })
  @ApiProblems(400, 401, 403)
  setLimits(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: YearParameterDto,
    @Body() input: FiscalLimitsDto,
  ) {
    return this.fiscal.setLimits(parameters.year, input, actor.id);
  }

  @Put('guardrail')
  @Roles('admin')
  @ApiOperation({ summary: 'Switch the fiscal guardrail on or off (admin).' })
  @ApiOkResponse({ type: GuardrailDto })
  @ApiProblems(400, 401, 403)
  setGuardrail(@CurrentUser() actor: AuthenticatedUser, @Body() input: GuardrailDto) {
    return this.fiscal.setGuardrail(input.enabled, actor.id);
  }

  @Get('overview')
  @Roles('volunteer', 'admin', 'treasurer')
  @ApiOperation({
    summary:
      'Euro value received and room left per month and for the year (a volunteer: their own; admin, treasurer: ?volunteerId).',
  })
  @ApiOkResponse({ type: FiscalOverviewDto })
  @ApiProblems(400, 401, 403, 404)
  overview(@CurrentUser() actor: AuthenticatedUser, @Query() query: FiscalOverviewQueryDto) {
    return this.fiscal.overview(actor, query);
  }
}

@ApiTags('passes')
@ApiBearerAuth()
@Controller('pass-policy')
export class PassPolicyController {
  constructor(private readonly settings: PassesSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The daily STK limit per pass and the void window for businesses.' })
  @ApiOkResponse({ type: PassPolicyDto })
  @ApiProblems(401)
  get() {
    return this.settings.passPolicyView();
  }

  @Put()
  @Roles('admin', 'treasurer')
  @ApiOperation({
    summary: 'Set the daily STK limit per pass and the void window (admin, treasurer).',
  })
  @ApiOkResponse({ type: PassPolicyDto })
  @ApiProblems(400, 401, 403)
  set(@CurrentUser() actor: AuthenticatedUser, @Body() input: PassPolicyDto) {
    return this.settings.updatePassPolicy(input, actor.id);
  }
}

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offer-policy')
export class OfferPolicyController {
  constructor(private readonly settings: PassesSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The fund-wide maximum euro value per Steerke of an offer’s price.' })
  @ApiOkResponse({ type: OfferPolicyDto })
  @ApiProblems(401)
  get() {
    return this.settings.offerPolicyView();
  }

  @Put()
  @Roles('treasurer')
  @ApiOperation({
    summary:
      'Set the maximum euro value per Steerke of price (treasurer; audited). Offers above it are refused when published or when their price or value changes.',
  })
  @ApiOkResponse({ type: OfferPolicyDto })
  @ApiProblems(400, 401, 403)
  set(@CurrentUser() actor: AuthenticatedUser, @Body() input: OfferPolicyDto) {
    return this.settings.setOfferPolicy(input, actor.id);
  }
}
