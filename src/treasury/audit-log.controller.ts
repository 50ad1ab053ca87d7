import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
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
