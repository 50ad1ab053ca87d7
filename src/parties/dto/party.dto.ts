import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, UnlessOmitted } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { DISTRICTS, type District, PARTY_KINDS, type PartyKind } from '../entities/party.entity.js';
import { IsPlainText } from '../../common/http/plain-text.js';

const NAME_LENGTH_MAX = 200;
const DESCRIPTION_LENGTH_MAX = 2000;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePartyDto {
  @ApiProperty({ enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @ApiProperty({ example: 'Buurtcentrum Malberg', maxLength: NAME_LENGTH_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_LENGTH_MAX)
  @IsPlainText()
  name: string;

  @ApiProperty({
    enum: DISTRICTS,
    description: 'One of the four stadsdelen of Maastricht, or city-wide.',
  })
  @IsIn(DISTRICTS)
  district: District;

  @ApiPropertyOptional({ example: 'info@buurtcentrum-malberg.nl' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_LENGTH_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({
    example: '1998-04-12',
    description: 'Volunteers only: date of birth (the fiscal limits depend on age).',
  })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;
}

/** Leaves a field out: unchanged; null clears it. */
const UnlessOmittedOrNull = () => ValidateIf((_, value) => value !== undefined && value !== null);

/**
 * What an admin may correct of a party: a field left out stays as it is. The kind stays: the
 * party's ledger accounts and users were made for it.
 */
export class UpdatePartyDto {
  @ApiPropertyOptional({ example: 'Buurtcentrum Malberg', maxLength: NAME_LENGTH_MAX })
  @UnlessOmitted()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_LENGTH_MAX)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @UnlessOmitted()
  @IsIn(DISTRICTS)
  district?: District;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'info@buurtcentrum-malberg.nl',
    description: 'null removes the address.',
  })
  @UnlessOmittedOrNull()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: DESCRIPTION_LENGTH_MAX,
    description: 'null removes the description.',
  })
  @UnlessOmittedOrNull()
  @IsString()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  description?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '1998-04-12',
    description: 'Volunteers only; null removes it.',
  })
  @UnlessOmittedOrNull()
  @IsCalendarDate()
  birthDate?: string | null;
}

export class ListPartiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PARTY_KINDS })
  @IsOptional()
  @IsIn(PARTY_KINDS)
  kind?: PartyKind;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: District;
}

export class PartyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind: PartyKind;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1998-04-12',
    description: 'Volunteers only.',
  })
  birthDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

const SEARCH_LENGTH_MAX = 100;
/** A blank search is no search. */
const trimToOptional = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || undefined : value;

export class ListPublicOrganisationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Part of the name, in any letter case.',
    maxLength: SEARCH_LENGTH_MAX,
    example: 'buurt',
  })
  @Transform(trimToOptional)
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_LENGTH_MAX)
  search?: string;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: District;
}

/** What anyone may know of an organisation: no contact details, nothing about people. */
export class PublicOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Buurtcentrum Malberg' }) name: string;
  @ApiProperty({
    enum: ['organisation'],
    description: 'The party kind; every item is an organisation (parties have no finer kind).',
  })
  kind: 'organisation';
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A short description by the organisation.',
  })
  description: string | null;
}
