import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The calendar years a report, limit or overview may ask for. */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** `?year=`: a calendar year, this one when omitted. Queries with more to say extend it. */
export class YearQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    minimum: YEAR_MIN,
    maximum: YEAR_MAX,
    description: 'Calendar year; this year when omitted.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  year?: number;
}
