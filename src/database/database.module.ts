import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { dataSourceOptions } from './data-source-options.js';
import { Database } from './database.service.js';
import { Idempotency } from './idempotency.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIGURATION],
      useFactory: (configuration: AppConfiguration) => ({
        ...dataSourceOptions(configuration.database),
        migrationsRun: true,
      }),
    }),
  ],
  providers: [Database, Idempotency],
  exports: [Database, Idempotency],
})
export class DatabaseModule {}
