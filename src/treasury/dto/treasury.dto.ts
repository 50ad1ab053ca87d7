import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate, IsPeriod } from '../../common/http/validators.js';
import { AccountDto, StatementLineDto } from '../../ledger/dto/ledger.dto.js';
import { EXPORT_FORMATS, type ExportFormat } from '../journal-export.js';

export class TrialBalanceQueryDto {
  @ApiPropertyOptional({
    example: '2026-10-31',
    description: 'Balances as of the end of this date; now when omitted.',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class ExportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({
    example: '2026-10',
    description:
      'One month (YYYY-MM): its entries, after an opening transaction of every balance at its start (hledger, Beancount); the whole journal when omitted.',
  })
  @IsOptional()
  @IsPeriod()
  period?: string;
}

export class MonthlyStatementQueryDto {
  @ApiProperty({ example: '2026-10' })
  @IsPeriod()
  period: string;
}

export class StatementPeriodQueryDto {
  @ApiProperty({ example: '2026-10' })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

class TrialBalanceLineDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partyId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ example: '120.00' }) balance: string;
  @ApiProperty({ example: '0.00' }) pending: string;
}

class TrialBalanceGroupDto {
  @ApiProperty({ example: 'organisation', description: 'Party kind, or system.' }) group: string;
  @ApiProperty({ example: '3950.00' }) total: string;
  @ApiProperty({ type: [TrialBalanceLineDto] }) accounts: TrialBalanceLineDto[];
}

export class CreditExtendedDto {
  @ApiProperty({
    example: '250.00',
    description:
      'Σ of every party account’s credit limit below zero (only organisations have one), as it stands now.',
  })
  limits: string;
  @ApiProperty({
    example: '42.50',
    description: 'Σ of the party balances below zero (as of the date): the credit actually drawn.',
  })
  drawn: string;
}

export class TrialBalanceDto {
  @ApiProperty({ type: String, nullable: true }) asOf: string | null;
  @ApiProperty({ example: 'STK' }) currency: string;
  @ApiProperty({ type: [TrialBalanceGroupDto] }) groups: TrialBalanceGroupDto[];
  @ApiProperty({ example: '0.00', description: 'Σ of every balance; always 0.00.' }) total: string;
  @ApiProperty() balanced: boolean;
  @ApiProperty({
    example: '4000.00',
    description: 'Steerkes held by parties (minus the issuance balance).',
  })
  circulation: string;
  @ApiProperty({ example: '15.00' }) pendingHolds: string;
  @ApiProperty({
    type: CreditExtendedDto,
    description:
      'Mutual credit: Steerkes that may be (limits) and that are (drawn) spent below zero, which nobody issued.',
  })
  creditExtended: CreditExtendedDto;
}

export class AccountPeriodStatementDto {
  @ApiProperty({ type: AccountDto }) account: AccountDto;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ example: '10.00' }) openingBalance: string;
  @ApiProperty({ example: '12.50' }) closingBalance: string;
  @ApiProperty({ type: [StatementLineDto] }) movements: StatementLineDto[];
}

class IntegrityCheckCountsDto {
  @ApiProperty() accounts: number;
  @ApiProperty() entries: number;
  @ApiProperty() postings: number;
  @ApiProperty() holds: number;
}

export class IntegrityCheckDto {
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty({ description: 'True when the check found no discrepancy.' }) ok: boolean;
  @ApiProperty({ type: IntegrityCheckCountsDto }) checked: IntegrityCheckCountsDto;
  @ApiProperty({ description: 'How many discrepancies the run listed.' }) discrepancies: number;
  @ApiProperty({ format: 'uuid', description: 'The user who ran it.' }) runBy: string;
}

export class LastIntegrityCheckDto {
  @ApiProperty({
    type: IntegrityCheckDto,
    nullable: true,
    description: 'The run that finished last; null before the first.',
  })
  check: IntegrityCheckDto | null;
}
