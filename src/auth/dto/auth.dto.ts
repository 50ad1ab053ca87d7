import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../common/roles.js';
import { PageQueryDto } from '../../common/pagination.js';
import { IsPlainText } from '../../common/http/plain-text.js';

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 200;
const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'treasurer@steerkes.test' })
  @Transform(lowerCase)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'steerkes-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_LENGTH_MAX)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partyId: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'A disabled user cannot log in; an admin enables them again.' })
  disabled: boolean;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires.', example: 900 }) expiresIn: number;
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class CreateUserDto {
  @ApiProperty({ example: 'penningmeester@voetbalclub-caberg.nl' })
  @Transform(lowerCase)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_LENGTH_MIN, maxLength: PASSWORD_LENGTH_MAX })
  @IsString()
  @MinLength(PASSWORD_LENGTH_MIN)
  @MaxLength(PASSWORD_LENGTH_MAX)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The party the user acts for: required for volunteer, org_manager and business_operator.',
  })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiProperty({ example: 'Anouk Janssen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  displayName: string;
}

/** A new password: long enough, and not a weak one (password-rules.ts, checked by the service). */
function NewPasswordProperty(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({
      minLength: PASSWORD_LENGTH_MIN,
      maxLength: PASSWORD_LENGTH_MAX,
      description:
        'Not a common password, nor one of too few distinct characters or with the e-mail name.',
    })(target, key);
    IsString()(target, key);
    MinLength(PASSWORD_LENGTH_MIN)(target, key);
    MaxLength(PASSWORD_LENGTH_MAX)(target, key);
  };
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ maxLength: PASSWORD_LENGTH_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_LENGTH_MAX)
  currentPassword: string;

  @NewPasswordProperty()
  newPassword: string;
}

/** The new role and, for volunteer, org_manager and business_operator, the party it acts for. */
export class ChangeRoleDto extends PickType(CreateUserDto, ['role', 'partyId'] as const) {}

/** The one-time code: `<user id>.<43 characters>`. */
export const RESET_CODE_LENGTH_MAX = 80;

export class PasswordResetDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({
    description:
      'Shown once, in this answer only: hand it to the user, who sets a new password with it (POST /auth/password-reset). Only its hash is kept.',
    maxLength: RESET_CODE_LENGTH_MAX,
  })
  code: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CompletePasswordResetDto {
  @ApiProperty({ maxLength: RESET_CODE_LENGTH_MAX, pattern: '^[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}$' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESET_CODE_LENGTH_MAX)
  code: string;

  @NewPasswordProperty()
  newPassword: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the users who act for this party.',
  })
  @IsOptional()
  @IsUUID()
  partyId?: string;
}
