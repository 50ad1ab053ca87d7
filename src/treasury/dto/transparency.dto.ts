import { ApiProperty } from '@nestjs/swagger';
import { DISTRICTS, type District } from '../../parties/entities/party.entity.js';

/**
 * The public transparency report's shape, for the OpenAPI document (and so for the web app's
 * typed client). Figures about fewer than `volunteersPublishedMin` volunteers are null, with the
 * `…Suppressed` flag set.
 */
class TransparencyOrganisationDto {
  @ApiProperty({ example: 'Buurtcentrum Malberg' }) name: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({ example: '1200.00', description: 'STK issued to the organisation as budget.' })
  budgetIssued: string;
  @ApiProperty({ type: String, nullable: true, example: '412.5' }) hoursRewarded: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 23 }) volunteers: number | null;
  @ApiProperty({ description: 'Hours and volunteers left out: fewer volunteers than the minimum.' })
  volunteerFiguresSuppressed: boolean;
  @ApiProperty() servicesGiven: number;
  @ApiProperty() servicesUsed: number;
}

class TransparencySponsorshipDto {
  @ApiProperty({ example: '240.00' }) steerkes: string;
  @ApiProperty({ example: '420.00' }) euroValue: string;
  @ApiProperty() redemptions: number;
}

class TransparencyDistrictDto {
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({ example: '3600.00' }) budgetIssued: string;
  @ApiProperty({ type: String, nullable: true, example: '980.25' }) hoursRewarded: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 61 }) volunteers: number | null;
  @ApiProperty() volunteerFiguresSuppressed: boolean;
  @ApiProperty() servicesExchanged: number;
  @ApiProperty({
    type: TransparencySponsorshipDto,
    nullable: true,
    description: 'Accepted by the district’s businesses; null when none or suppressed.',
  })
  sponsorshipAccepted: TransparencySponsorshipDto | null;
  @ApiProperty() sponsorshipSuppressed: boolean;
}

export class TransparencyReportDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 5, description: 'Figures about fewer volunteers are not published.' })
  volunteersPublishedMin: number;
  @ApiProperty({ type: [TransparencyOrganisationDto] })
  organisations: TransparencyOrganisationDto[];
  @ApiProperty({ type: [TransparencyDistrictDto] }) districts: TransparencyDistrictDto[];
}
