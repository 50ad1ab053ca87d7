import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
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
  @ApiOperation({
    summary: 'The hour rates an organisation may set, and the default rate of one that set none.',
  })
  @ApiOkResponse({ type: HourRateRangeDto })
  @ApiProblems(401)
  getRange() {
    return this.rates.getRange();
  }

  @Put('volunteering/hour-rate-range')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Set the allowed hour-rate range and, optionally, the default rate (admin). Rates already set outside it are paid at the nearest bound.',
  })
  @ApiOkResponse({ type: HourRateRangeDto })
  @ApiProblems(400, 401, 403)
  setRange(@CurrentUser() actor: AuthenticatedUser, @Body() input: HourRateRangeInputDto) {
    return this.rates.setRange(actor, input);
  }

  @Get('organisations/:id/hour-rate')
  @ApiOperation({ summary: 'What an hour earns at an organisation now.' })
  @ApiOkResponse({ type: OrganisationHourRateDto })
  @ApiProblems(400, 401, 404)
  getOrganisationRate(@Param('id', uuidPipe()) id: string) {
    return this.rates.getOrganisationRate(id);
  }

  @Put('organisations/:id/hour-rate')
  @Roles('admin', 'org_manager')
  @ApiOperation({
    summary:
      'Set an organisation’s hour rate inside the allowed range (admin, or a manager of that organisation). Applies to claims approved from now on.',
  })
  @ApiOkResponse({ type: OrganisationHourRateDto })
  @ApiProblems(400, 401, 403, 404, 422)
  setOrganisationRate(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: OrganisationHourRateInputDto,
  ) {
    return this.rates.setOrganisationRate(actor, id, input.rate);
  }
}
