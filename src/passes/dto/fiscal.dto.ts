import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AMOUNT_MAX_TEXT } from '../../common/amount.js';
import { IsAmount } from '../../common/http/validators.js';
import { YEAR_MAX, YEAR_MIN, YearQueryDto } from '../../common/http/year-query.dto.js';
import { VOID_WINDOW_MAX_MINUTES } from '../passes-settings.service.js';
import { FiscalWarningDto } from './redemptions.dto.js';

export const ADULT_AGE_MIN = 16;
export const ADULT_AGE_MAX = 30;
export const VOID_WINDOW_MINUTES_MIN = 0;

function EuroProperty(example: string, description: string) {
  return ApiProperty({
    type: String,
    example,
    description: `${description}: euros as a decimal string with two decimals, at most ${AMOUNT_MAX_TEXT}.`,
  });
}

export class YearParameterDto {
  @ApiProperty({ example: 2026, minimum: YEAR_MIN, maximum: YEAR_MAX })
  @Type(() => Number)
  @IsInt()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  year: number;
}

export class FiscalLimitsDto {
  @EuroProperty('5.60', 'Per hour given, from adultAge on')
  @IsAmount()
  hourlyAdult: string;

  @EuroProperty('3.30', 'Per hour given, below adultAge')
  @IsAmount()
  hourlyYoung: string;

  @ApiProperty({ example: 21, minimum: ADULT_AGE_MIN, maximum: ADULT_AGE_MAX })
  @IsInt()
  @Min(ADULT_AGE_MIN)
  @Max(ADULT_AGE_MAX)
  adultAge: number;

  @EuroProperty('210.00', 'Per calendar month')
  @IsAmount()
  monthly: string;

  @EuroProperty('2100.00', 'Per calendar year')
  @IsAmount()
  yearly: string;
}

export class FiscalLimitsViewDto {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ example: '5.60' }) hourlyAdult: string;
  @ApiProperty({ example: '3.30' }) hourlyYoung: string;
  @ApiProperty({ example: 21 }) adultAge: number;
  @ApiProperty({ example: '210.00' }) monthly: string;
  @ApiProperty({ example: '2100.00' }) yearly: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FiscalConfigurationDto {
  @ApiProperty({ description: 'Whether redemptions are measured against the limits.' })
  guardrailEnabled: boolean;
  @ApiProperty({
    type: [FiscalLimitsViewDto],
    description: 'A year without a row uses the latest earlier year.',
  })
  limits: FiscalLimitsViewDto[];
}

export class GuardrailDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  enabled: boolean;
}

export class FiscalOverviewQueryDto extends YearQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admins and treasurers: the volunteer (required for them).',
  })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;
}

class FiscalTotalDto {
  @ApiProperty({ example: '42.00' }) received: string;
  @ApiProperty({ type: String, nullable: true, example: '2100.00' }) limit: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2058.00' }) room: string | null;
}

class FiscalHoursDto {
  @ApiProperty({
    example: '12.50',
    description: 'Approved hours this year up to the reference day.',
  })
  approvedHours: string;
  @ApiProperty({ type: String, nullable: true, example: '5.60' }) hourlyAmount: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '70.00',
    description: 'approvedHours × hourlyAmount, rounded down to the cent.',
  })
  limit: string | null;
  @ApiProperty({ type: String, nullable: true, example: '28.00' }) room: string | null;
}

class FiscalMonthDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ example: '42.00' }) received: string;
  @ApiProperty({ type: String, nullable: true, example: '210.00' }) limit: string | null;
  @ApiProperty({ type: String, nullable: true, example: '168.00' }) room: string | null;
}

export class FiscalOverviewDto {
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty() guardrailEnabled: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2025,
    description: 'The year whose limits apply; null when none are set.',
  })
  limitsYear: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Age on the reference day; null when the birth date is unknown (the lower hourly amount applies).',
  })
  age: number | null;
  @ApiProperty({ type: FiscalTotalDto }) total: FiscalTotalDto;
  @ApiProperty({ type: FiscalHoursDto }) hours: FiscalHoursDto;
  @ApiProperty({ type: [FiscalMonthDto] }) months: FiscalMonthDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '28.00',
    description: 'The most one more benefit may be worth today; current year only.',
  })
  roomNow: string | null;
  @ApiProperty({ type: [FiscalWarningDto] }) warnings: FiscalWarningDto[];
}

export class PassPolicyDto {
  @ApiProperty({
    type: String,
    example: '25.00',
    description:
      'STK a pass may spend per Maastricht calendar day: bounds what a stolen pass costs.',
  })
  @IsAmount()
  dailyLimit: string;

  @ApiProperty({
    example: 15,
    minimum: VOID_WINDOW_MINUTES_MIN,
    maximum: VOID_WINDOW_MAX_MINUTES,
    description: 'Minutes after a redemption in which the business may void it; 0: never.',
  })
  @IsInt()
  @Min(VOID_WINDOW_MINUTES_MIN)
  @Max(VOID_WINDOW_MAX_MINUTES)
  voidWindowMinutes: number;
}
