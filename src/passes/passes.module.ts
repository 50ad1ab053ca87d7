import { Module } from '@nestjs/common';

/** The passes module (see its issue); controllers, services and entities are registered here. */
@Module({})
export class PassesModule {}
