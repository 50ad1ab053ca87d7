import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  HourRateRangeDto,
  HourRateRangeInputDto,
  OrganisationHourRateDto,
  OrganisationHourRateInputDto,
} from './dto/hour-rate.dto.js';
import { HourRatesService } from './hour-rates.service.js';

@ApiTags('volunteering')
@ApiBearerAuth()
@Controller()
export class HourRatesController {
  constructor(private readonly rates: HourRatesService) {}

  @Get('volunteering/hour-rate-range')
  @Endpoint({
    summary: 'The hour rates an organisation may set, and the default rate of one that set none.',
    ok: HourRateRangeDto,
    problems: [401],
  })
  getRange() {
    return this.rates.getRange();
  }

  @Put('volunteering/hour-rate-range')
  @Endpoint({
    access: ['admin'],
    summary:
      'Set the allowed hour-rate range and, optionally, the default rate (admin). Rates already set outside it are paid at the nearest bound.',
    ok: HourRateRangeDto,
    problems: [400, 401, 403],
  })
  setRange(@CurrentUser() actor: AuthenticatedUser, @Body() input: HourRateRangeInputDto) {
    return this.rates.setRange(actor, input);
  }

  @Get('organisations/:id/hour-rate')
  @Endpoint({
    summary: 'What an hour earns at an organisation now.',
    ok: OrganisationHourRateDto,
    problems: [400, 401, 404],
  })
  getOrganisationRate(@Param('id', uuidPipe()) id: string) {
    return this.rates.getOrganisationRate(id);
  }

  @Put('organisations/:id/hour-rate')
  @Endpoint({
    access: ['admin', 'org_manager'],
    summary:
      'Set an organisation’s hour rate inside the allowed range (admin, or a manager of that organisation). Applies to claims approved from now on.',
    ok: OrganisationHourRateDto,
    problems: [400, 401, 403, 404, 422],
  })
  setOrganisationRate(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: OrganisationHourRateInputDto,
  ) {
    return this.rates.setOrganisationRate(actor, id, input.rate);
  }
}
