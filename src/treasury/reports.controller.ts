import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { Clock } from '../common/clock.js';
import { localDate } from '../common/calendar.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { IsCalendarDate } from '../common/http/validators.js';
import { YearQueryDto } from '../common/http/year-query.dto.js';
import { ImpactReportDto, SponsorshipReportDto } from './dto/reports.dto.js';
import { TransparencyReportDto } from './dto/transparency.dto.js';
import { ReportsService, TRANSPARENCY_CACHE_TTL_MS } from './reports.service.js';
import { TransparencyRateLimitGuard } from './transparency-rate-limit.guard.js';

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
  @Endpoint({
    summary:
      'Per business and year: Steerkes accepted, euro value given, redemptions. A business operator sees their own business.',
    ok: SponsorshipReportDto,
    problems: [400, 401, 403],
  })
  @ApiBearerAuth()
  sponsorship(
    @CurrentUser() actor: AuthenticatedUser,
    @Query() query: YearQueryDto,
  ): Promise<SponsorshipReportDto> {
    return this.reports.sponsorshipReport(actor, query.year ?? this.thisYear());
  }

  @Get('reports/impact')
  @Endpoint({
    summary:
      'Per organisation and district: hours rewarded, distinct volunteers, Steerkes for hours and services, services given and used. An org manager sees their own organisation.',
    ok: ImpactReportDto,
    problems: [400, 401, 403],
  })
  @ApiBearerAuth()
  impact(
    @CurrentUser() actor: AuthenticatedUser,
    @Query() query: PeriodQueryDto,
  ): Promise<ImpactReportDto> {
    const today = localDate(this.clock.now());
    return this.reports.impactReport(
      actor,
      query.from ?? `${today.slice(0, 4)}-01-01`,
      query.to ?? today,
    );
  }

  @Get('public/transparency')
  @Endpoint({
    access: 'public',
    summary:
      'No login: per organisation and district, budget issued, hours rewarded, services exchanged, sponsorship accepted. ' +
      'Aggregates only; figures about fewer than five volunteers are suppressed, and so is a second figure wherever one could be recovered by subtraction. ' +
      `Served from a cache: up to ${TRANSPARENCY_CACHE_TTL_MS / 60_000} minutes behind the ledger. Rate-limited per client address.`,
    ok: TransparencyReportDto,
    problems: [400, 429],
  })
  @UseGuards(TransparencyRateLimitGuard)
  transparency(@Query() query: YearQueryDto): Promise<TransparencyReportDto> {
    return this.reports.transparency(query.year ?? this.thisYear());
  }

  private thisYear(): number {
    return Number(localDate(this.clock.now()).slice(0, 4));
  }
}
