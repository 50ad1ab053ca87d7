import { Module } from '@nestjs/common';

/** The catalogue module (see its issue); controllers, services and entities are registered here. */
@Module({})
export class CatalogueModule {}
