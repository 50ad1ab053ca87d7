import { Module } from '@nestjs/common';

/** The volunteering module (see its issue); controllers, services and entities are registered here. */
@Module({})
export class VolunteeringModule {}
