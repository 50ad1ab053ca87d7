import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { documentValidator } from '../../common/http/openapi-limits.js';
import { PageQueryDto } from '../../common/pagination.js';
import {
  BLOCK_REASONS,
  type BlockReason,
  PASS_STATUSES,
  type PassStatus,
} from '../entities/pass.entity.js';
import { QR_FORMATS, type QrFormat } from '../passes.service.js';

/** A PIN is 4 to 6 digits: quick at the counter; five wrong tries block the pass. */
export const PIN_PATTERN = /^[0-9]{4,6}$/;
/** Room for a 12-digit number typed with spaces or dashes. */
export const PASS_NUMBER_INPUT_LENGTH_MAX = 20;

/** A PIN: 4 to 6 digits, as a string (a leading 0 counts). Its field code is PIN_FORMAT. */
/** The longest PIN PIN_PATTERN allows. */
const PIN_LENGTH_MAX = 6;
documentValidator('PIN_FORMAT', { pattern: PIN_PATTERN.source, maxLength: PIN_LENGTH_MAX });

export function IsPin() {
  return ValidateBy({
    name: 'PIN_FORMAT',
    validator: { validate: (value) => typeof value === 'string' && PIN_PATTERN.test(value) },
  });
}

export class IssuePassDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The volunteer (party) who gets the pass. A volunteer may only name themselves.',
  })
  @IsUUID()
  volunteerId: string;
}

export class PassNumberParameterDto {
  @ApiProperty({
    example: '441709236618',
    description: '12 digits, the last a Luhn check digit; spaces and dashes are ignored.',
  })
  @IsString()
  @MaxLength(PASS_NUMBER_INPUT_LENGTH_MAX)
  number: string;
}

export class ListPassesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Admins and treasurers: the passes of one volunteer. Volunteers always see their own.',
  })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;
}

export class QrQueryDto {
  @ApiPropertyOptional({ enum: QR_FORMATS, default: 'png' })
  @IsOptional()
  @IsIn(QR_FORMATS)
  format?: QrFormat;
}

export class BlockPassDto {
  @ApiPropertyOptional({
    enum: BLOCK_REASONS.filter((reason) => reason !== 'pin_attempts'),
    default: 'lost',
  })
  @IsOptional()
  @IsIn(BLOCK_REASONS.filter((reason) => reason !== 'pin_attempts'))
  reason?: Exclude<BlockReason, 'pin_attempts'>;
}

export class SetPinDto {
  @ApiProperty({
    example: '4821',
    description: '4 to 6 digits. Stored only as a hash; never shown again.',
    writeOnly: true,
  })
  @IsPin()
  pin: string;
}

export class PassDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: '441709236618',
    description: '12 digits; the last is a Luhn check digit.',
  })
  number: string;
  @ApiProperty({ example: '4417 0923 6618', description: 'As printed on the pass.' })
  printedNumber: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({
    enum: PASS_STATUSES,
    description: 'An active pass past validUntil shows as expired.',
  })
  status: PassStatus;
  @ApiProperty({ example: '2026-11-23' }) validFrom: string;
  @ApiProperty({ example: '2028-11-22', description: 'Last valid day (inclusive).' })
  validUntil: string;
  @ApiProperty({ description: 'Whether redemptions need the PIN.' }) pinSet: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) blockedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: BLOCK_REASONS })
  blockedReason: BlockReason | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
