import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfiguration } from './configuration.js';

/** Injection token of the validated AppConfiguration. */
export const APP_CONFIGURATION = Symbol('APP_CONFIGURATION');

/** Makes the configuration, read and validated once at start-up, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(configuration: AppConfiguration): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIGURATION, useValue: configuration }],
      exports: [APP_CONFIGURATION],
    };
  }
}
