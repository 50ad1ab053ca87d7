import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CommonModule } from './common/common.module.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfiguration } from './config/configuration.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.controller.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { PartiesModule } from './parties/parties.module.js';
import { PassesModule } from './passes/passes.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { StartupModule } from './startup/startup.module.js';
import { TreasuryModule } from './treasury/treasury.module.js';
import { VolunteeringModule } from './volunteering/volunteering.module.js';

@Module({})
export class AppModule {
  static forRoot(configuration: AppConfiguration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(configuration),
        CommonModule,
        DatabaseModule,
        AuditModule,
        LedgerModule,
        PartiesModule,
        AuthModule,
        HealthModule,
        VolunteeringModule,
        PassesModule,
        CatalogueModule,
        TreasuryModule,
        PrivacyModule,
        StartupModule,
      ],
    };
  }
}
