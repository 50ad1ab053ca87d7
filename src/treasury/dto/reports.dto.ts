import { ApiProperty } from '@nestjs/swagger';
import { DISTRICTS, type District } from '../../parties/entities/party.entity.js';

/** The reports' shapes, for the OpenAPI document (and so for the web app's typed client). */
class SponsorshipReportLineDto {
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({ example: 'Koffiebranderij Het Bonenhuis' }) name: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty() redemptions: number;
  @ApiProperty({ example: '84.00', description: 'STK accepted.' }) steerkes: string;
  @ApiProperty({ example: '154.00', description: 'EUR value given.' }) euroValue: string;
}

export class SponsorshipReportDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [SponsorshipReportLineDto] }) businesses: SponsorshipReportLineDto[];
}

class ImpactFiguresDto {
  @ApiProperty({ example: '41.50' }) hoursRewarded: string;
  @ApiProperty() volunteers: number;
  @ApiProperty({ example: '41.50' }) steerkesForHours: string;
  @ApiProperty({ example: '12.00' }) steerkesEarnedWithServices: string;
  @ApiProperty({ example: '6.00' }) steerkesSpentOnServices: string;
  @ApiProperty() servicesGiven: number;
  @ApiProperty() servicesUsed: number;
}

class ImpactOrganisationDto extends ImpactFiguresDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
}

class ImpactDistrictDto extends ImpactFiguresDto {
  @ApiProperty({ enum: DISTRICTS }) district: District;
}

export class ImpactReportDto {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [ImpactOrganisationDto] }) organisations: ImpactOrganisationDto[];
  @ApiProperty({
    type: [ImpactDistrictDto],
    description: 'Empty for an org manager (their own organisation only).',
  })
  districts: ImpactDistrictDto[];
}
