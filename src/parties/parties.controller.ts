import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import { CreatePartyDto, ListPartiesQueryDto, PartyDto, UpdatePartyDto } from './dto/party.dto.js';
import { PartiesService } from './parties.service.js';

const PartyPageDto = PageOf(PartyDto);

@ApiTags('parties')
@ApiBearerAuth()
@Controller('parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @Endpoint({ access: ['admin'], created: PartyDto, problems: [400, 401, 403] })
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() input: CreatePartyDto,
  ): Promise<PartyDto> {
    return this.parties.create(input, { actor });
  }

  @Get()
  @Endpoint({ problems: [400, 401] })
  @ApiOkResponse({
    type: PartyPageDto,
    description: 'Admins and treasurers see every party; others only their own.',
  })
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListPartiesQueryDto) {
    return this.parties.list(actor, query);
  }

  @Get(':id')
  @Endpoint({ ok: PartyDto, problems: [400, 401, 404] })
  findOne(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
  ): Promise<PartyDto> {
    return this.parties.findVisible(actor, id);
  }

  @Patch(':id')
  @Endpoint({
    access: ['admin'],
    summary:
      'Correct a party (admin): name, district, contact address, description, a volunteer’s date of birth. Left out: unchanged; null clears. The kind stays. Audited.',
    ok: PartyDto,
    problems: [400, 401, 403, 404],
  })
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: UpdatePartyDto,
  ): Promise<PartyDto> {
    return this.parties.update(actor, id, input);
  }
}
