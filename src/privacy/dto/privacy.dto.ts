import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../common/http/plain-text.js';
import { UnlessOmitted } from '../../common/http/validators.js';

/** As the parties and users store them. */
const NAME_LENGTH_MAX = 200;
const EMAIL_LENGTH_MAX = 254;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CorrectProfileDto {
  @ApiPropertyOptional({ example: 'Anouk Janssen', maxLength: NAME_LENGTH_MAX })
  @UnlessOmitted()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_LENGTH_MAX)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({
    example: 'anouk@example.nl',
    format: 'email',
    maxLength: EMAIL_LENGTH_MAX,
  })
  @UnlessOmitted()
  @Transform(lowerCase)
  @IsEmail()
  @MaxLength(EMAIL_LENGTH_MAX)
  email?: string;
}

export class EraseMyDataDto {
  @ApiProperty({
    enum: [true],
    description: 'true: I understand my login ends, my pass is blocked and this cannot be undone.',
  })
  @Equals(true)
  confirm: true;
}

export class ProfileDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ example: 'Anouk Janssen' }) name: string;
  @ApiProperty({ example: 'anouk@example.nl', format: 'email' }) email: string;
}

export class ErasureDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ format: 'date-time' }) erasedAt: string;
}

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** Everything Steerkes holds about the caller, machine-readable (JSON). */
export class PersonalDataExportDto {
  @ApiProperty({ example: 'steerkes-personal-data/1' }) format: string;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ ...OBJECT, description: 'The user: e-mail, name, role (never the password).' })
  user: object;
  @ApiProperty({ ...OBJECT, description: 'The volunteer party: name, district, birth date.' })
  party: object;
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Login sessions: when, no tokens.' })
  sessions: object[];
  @ApiProperty({ type: 'array', items: OBJECT }) passes: object[];
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Time claims.' }) claims: object[];
  @ApiProperty({ type: 'array', items: OBJECT }) redemptions: object[];
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description: 'Each account with every ledger entry on it (statement lines).',
  })
  accounts: object[];
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description: 'Audit events about the user, the party, their passes and claims.',
  })
  auditEvents: object[];
}
