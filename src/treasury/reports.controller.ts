import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser, Public } from '../auth/decorators.js';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/calendar.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { IsCalendarDate } from '../common/http/validators.js';
import { ReportsService, TRANSPARENCY_CACHE_TTL_MS } from './reports.service.js';
import { TransparencyRateLimitGuard } from './transparency-rate-limit.guard.js';

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

export class YearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year; this year when omitted.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  year?: number;
}

export class PeriodQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First date; 1 January of this year when omitted.',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last date; today when omitted.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  @Get('reports/sponsorship')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Per business and year: Steerkes accepted, euro value given, redemptions. A business operator sees their own business.',
  })
  @ApiOkResponse({
    description:
      '{ year, businesses: [{ businessId, name, district, redemptions, steerkes, euroValue }] }',
  })
  @ApiProblems(400, 401, 403)
  sponsorship(@CurrentUser() actor: AuthenticatedUser, @Query() query: YearQueryDto) {
    return this.reports.sponsorshipReport(actor, query.year ?? this.thisYear());
  }

  @Get('reports/impact')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Per organisation and district: hours rewarded, distinct volunteers, Steerkes for hours and services, services given and used. An org manager sees their own organisation.',
  })
  @ApiOkResponse({ description: '{ from, to, organisations: [...], districts: [...] }' })
  @ApiProblems(400, 401, 403)
  impact(@CurrentUser() actor: AuthenticatedUser, @Query() query: PeriodQueryDto) {
    const today = localDate(this.clock.now());
    return this.reports.impactReport(
      actor,
      query.from ?? `${today.slice(0, 4)}-01-01`,
      query.to ?? today,
    );
  }

  @Get('public/transparency')
  @Public()
  @UseGuards(TransparencyRateLimitGuard)
  @ApiOperation({
    summary:
      'No login: per organisation and district, budget issued, hours rewarded, services exchanged, sponsorship accepted. ' +
      'Aggregates only; figures about fewer than five volunteers are suppressed, and so is a second figure wherever one could be recovered by subtraction. ' +
      `Served from a cache: up to ${TRANSPARENCY_CACHE_TTL_MS / 60_000} minutes behind the ledger. Rate-limited per client address.`,
  })
  @ApiOkResponse({
    description: '{ year, volunteersPublishedMin, organisations: [...], districts: [...] }',
  })
  @ApiProblems(400, 429)
  transparency(@Query() query: YearQueryDto) {
    return this.reports.transparency(query.year ?? this.thisYear());
  }

  private thisYear(): number {
    return Number(localDate(this.clock.now()).slice(0, 4));
  }
}
