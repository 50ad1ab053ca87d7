import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/http/validators.js';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { Roles } from '../common/http/access.js';
import { PageOf, PageQueryDto } from '../common/pagination.js';
import { AuditService } from '../audit/audit.service.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ledger.issue' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({
    description: 'The id of the account, entry, party, user or period concerned.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this user did.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    enum: ['admin', 'treasurer'],
    description: 'Only what users of this role did.',
  })
  @IsOptional()
  @IsIn(['admin', 'treasurer'])
  actorRole?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'From this day (Maastricht) on.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Up to and including this day (Maastricht).',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'treasurer' }) actorRole: string | null;
  @ApiProperty({ example: 'ledger.issue' }) action: string;
  @ApiProperty({ example: 'entry' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

@ApiTags('treasury')
@ApiBearerAuth()
@Roles('admin', 'treasurer')
@Controller('treasury/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({ problems: [400, 401, 403] })
  @ApiOkResponse({
    type: PageOf(AuditEventDto),
    description: 'Every admin and treasurer action, oldest first.',
  })
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
