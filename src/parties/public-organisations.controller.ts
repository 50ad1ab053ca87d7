import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
import { PageOf } from '../common/pagination.js';
import { ListPublicOrganisationsQueryDto, PublicOrganisationDto } from './dto/party.dto.js';
import { PartiesService } from './parties.service.js';

const PublicOrganisationPageDto = PageOf(PublicOrganisationDto);

@ApiTags('public')
@Controller('public/organisations')
export class PublicOrganisationsController {
  constructor(private readonly parties: PartiesService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'No login: the organisations volunteers give hours to, by name; ?search= (part of the name) and ?district=. No personal data.',
  })
  @ApiOkResponse({ type: PublicOrganisationPageDto })
  @ApiProblems(400)
  list(@Query() query: ListPublicOrganisationsQueryDto) {
    return this.parties.listPublicOrganisations(query);
  }
}
