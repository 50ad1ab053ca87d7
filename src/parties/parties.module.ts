import { Module } from '@nestjs/common';
import { PartiesController } from './parties.controller.js';
import { PartiesService } from './parties.service.js';
import { PublicOrganisationsController } from './public-organisations.controller.js';

@Module({
  controllers: [PartiesController, PublicOrganisationsController],
  providers: [PartiesService],
  exports: [PartiesService],
})
export class PartiesModule {}
