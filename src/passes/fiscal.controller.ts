import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
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
  @Endpoint({
    summary: 'The tax-free limits per year and whether the guardrail is on.',
    ok: FiscalConfigurationDto,
    problems: [401],
  })
  limits() {
    return this.fiscal.listLimits();
  }

  @Put('limits/:year')
  @Endpoint({
    access: ['admin'],
    summary:
      'Set a year’s tax-free limits (admin): per hour by age, per month, per year. A new year is a new row.',
    ok: FiscalLimitsViewDto,
    problems: [400, 401, 403],
  })
  setLimits(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: YearParameterDto,
    @Body() input: FiscalLimitsDto,
  ) {
    return this.fiscal.setLimits(parameters.year, input, actor.id);
  }

  @Put('guardrail')
  @Endpoint({
    access: ['admin'],
    summary: 'Switch the fiscal guardrail on or off (admin).',
    ok: GuardrailDto,
    problems: [400, 401, 403],
  })
  setGuardrail(@CurrentUser() actor: AuthenticatedUser, @Body() input: GuardrailDto) {
    return this.fiscal.setGuardrail(input.enabled, actor.id);
  }

  @Get('overview')
  @Endpoint({
    access: ['volunteer', 'admin', 'treasurer'],
    summary:
      'Euro value received and room left per month and for the year (a volunteer: their own; admin, treasurer: ?volunteerId).',
    ok: FiscalOverviewDto,
    problems: [400, 401, 403, 404],
  })
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
  @Endpoint({
    summary: 'The daily STK limit per pass and the void window for businesses.',
    ok: PassPolicyDto,
    problems: [401],
  })
  get() {
    return this.settings.passPolicyView();
  }

  @Put()
  @Endpoint({
    access: ['admin', 'treasurer'],
    summary: 'Set the daily STK limit per pass and the void window (admin, treasurer).',
    ok: PassPolicyDto,
    problems: [400, 401, 403],
  })
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
  @Endpoint({
    summary: 'The fund-wide maximum euro value per Steerke of an offer’s price.',
    ok: OfferPolicyDto,
    problems: [401],
  })
  get() {
    return this.settings.offerPolicyView();
  }

  @Put()
  @Endpoint({
    access: ['treasurer'],
    summary:
      'Set the maximum euro value per Steerke of price (treasurer; audited). Offers above it are refused when published or when their price or value changes.',
    ok: OfferPolicyDto,
    problems: [400, 401, 403],
  })
  set(@CurrentUser() actor: AuthenticatedUser, @Body() input: OfferPolicyDto) {
    return this.settings.setOfferPolicy(input, actor.id);
  }
}
