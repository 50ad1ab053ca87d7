import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import { CreatePartyDto, ListPartiesQueryDto, PartyDto } from './dto/party.dto.js';
import { PartiesService } from './parties.service.js';

const PartyPageDto = PageOf(PartyDto);

@ApiTags('parties')
@ApiBearerAuth()
@Controller('parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PartyDto })
  @ApiProblems(400, 401, 403)
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() input: CreatePartyDto,
  ): Promise<PartyDto> {
    return this.parties.create(input, { actor });
  }

  @Get()
  @ApiOkResponse({
    type: PartyPageDto,
    description: 'Admins and treasurers see every party; others only their own.',
  })
  @ApiProblems(400, 401)
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListPartiesQueryDto) {
    return this.parties.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PartyDto })
  @ApiProblems(400, 401, 404)
  findOne(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
  ): Promise<PartyDto> {
    return this.parties.findVisible(actor, id);
  }
}
