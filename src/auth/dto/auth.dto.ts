import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
