import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module.js';
import { UsersService } from '../auth/users.service.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import { type AppConfiguration, ConfigurationError } from '../config/configuration.js';
import { DEMO_LOGINS, loadDemoData } from '../../seeds/load-demo-data.js';

/**
 * What happens once the schema is migrated: an empty production database gets its first admin
 * (and refuses to run without one); an empty development database gets the Maastricht demo.
 * Production refuses to run while any demo login (public password) exists; a development start
 * with the demo says loudly that it is one.
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
    private readonly users: UsersService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.configuration.jwt.secretWasGenerated) {
      this.logger.warn(
        'JWT_SECRET is not set: using a random secret, so tokens end when the process does.',
      );
    }
    const isNew = (await this.users.count()) === 0;
    if (isNew) await this.createFirstAdmin();
    if (this.configuration.environment === 'production' && (await this.users.hasDemoLogins()))
      throw new ConfigurationError([
        'the database holds demo logins (their password is public): it is a demo database, not one for production. Start production on a new database (ADMIN_EMAIL and ADMIN_PASSWORD make its first admin)',
      ]);
    // A demo database is topped up on every start, so that a first start cut off half-way
    // (the loader is idempotent) still ends as the whole demo.
    const holdsDemo = isNew || (await this.users.findByEmail(DEMO_LOGINS[0].email)) !== null;
    if (this.configuration.loadDemoData && holdsDemo) {
      const report = await loadDemoData(this.moduleRef, {
        history: this.configuration.demoHistory,
      });
      if (
        report.partiesCreated + report.usersCreated + report.entriesBooked + report.recordsCreated >
        0
      ) {
        this.logger.log(
          `Loaded the Maastricht demo (${report.partiesCreated} parties, ${report.usersCreated} users, ${report.entriesBooked} entries).`,
        );
      }
    }
    // Also with DEMO_DATA=off: what matters is that the database holds logins anyone can use.
    if (await this.users.hasDemoLogins()) this.logger.warn(demoWarning());
  }

  private async createFirstAdmin(): Promise<void> {
    const { firstAdmin } = this.configuration;
    if (firstAdmin) {
      await this.users.create({
        email: firstAdmin.email,
        password: firstAdmin.password,
        role: 'admin',
        displayName: 'Administrator',
      });
      this.logger.log(`Created the first admin, ${firstAdmin.email}.`);
    } else if (this.configuration.environment === 'production') {
      throw new ConfigurationError([
        'the database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin',
      ]);
    }
  }
}

const WARNING_RULE = '='.repeat(78);

/** The block a demo start logs, so that nobody mistakes it for a real fund. */
export function demoWarning(): string {
  return [
    WARNING_RULE,
    'THIS IS A DEMO: the Maastricht demo data, with logins whose password is PUBLIC.',
    `Anyone can log in with password "${DEMO_LOGINS[0].password}" as:`,
    ...DEMO_LOGINS.map((login) => `  ${login.email} (${login.role})`),
    'Never put real people or money in this database. Production (NODE_ENV=production)',
    'refuses to start while any demo login exists in its database.',
    WARNING_RULE,
  ].join('\n');
}

@Module({ imports: [AuthModule], providers: [StartupService] })
export class StartupModule {}
