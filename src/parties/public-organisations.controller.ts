import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { PageOf } from '../common/pagination.js';
import { ListPublicOrganisationsQueryDto, PublicOrganisationDto } from './dto/party.dto.js';
import { PartiesService } from './parties.service.js';

const PublicOrganisationPageDto = PageOf(PublicOrganisationDto);

@ApiTags('public')
@Controller('public/organisations')
export class PublicOrganisationsController {
  constructor(private readonly parties: PartiesService) {}

  @Get()
  @Endpoint({
    access: 'public',
    summary:
      'No login: the organisations volunteers give hours to, by name; ?search= (part of the name) and ?district=. No personal data.',
    ok: PublicOrganisationPageDto,
    problems: [400],
  })
  list(@Query() query: ListPublicOrganisationsQueryDto) {
    return this.parties.listPublicOrganisations(query);
  }
}
