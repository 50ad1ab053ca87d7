import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AmountProperty } from '../../common/http/validators.js';

export class HourRateRangeInputDto {
  @AmountProperty({
    example: '0.50',
    description: 'Lowest hour rate an organisation may set, STK per hour (at least 0.10)',
  })
  min: string;

  @AmountProperty({
    example: '2.00',
    description: 'Highest hour rate an organisation may set, STK per hour (at most 100.00)',
  })
  max: string;

  @AmountProperty({
    required: false,
    example: '1.00',
    description: 'Rate of an organisation that set none; unchanged when omitted',
  })
  @IsOptional()
  defaultRate?: string;
}

export class OrganisationHourRateInputDto {
  @AmountProperty({
    example: '1.25',
    description: 'STK per hour, inside the range the admin allows',
  })
  rate: string;
}

export class HourRateRangeDto {
  @ApiProperty({ example: '0.50' }) min: string;
  @ApiProperty({ example: '2.00' }) max: string;
  @ApiProperty({ example: '1.00', description: 'The rate of an organisation that set none.' })
  defaultRate: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) updatedBy: string | null;
}

export class OrganisationHourRateDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({
    example: '1.25',
    description:
      'STK an hour earns now: the organisation’s rate or the default, kept inside the range.',
  })
  rate: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1.25',
    description: 'The rate the organisation set; null: it pays the default.',
  })
  organisationRate: string | null;
  @ApiProperty({ example: '0.50' }) min: string;
  @ApiProperty({ example: '2.00' }) max: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}
