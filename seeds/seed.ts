import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { DEMO_LOGINS, loadDemoData } from './load-demo-data.js';

/** `npm run seed`: loads the Maastricht demo into the configured database. Never in production. */
async function seed(): Promise<void> {
  const configuration = loadConfiguration();
  if (configuration.environment === 'production') {
    console.error(
      'Refusing to load demo data with NODE_ENV=production: demo users never exist in production.',
    );
    process.exit(1);
  }
  // The start-up check must not load the demo a second time around us.
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...configuration, loadDemoData: false }),
    { logger: ['error', 'warn'] },
  );
  try {
    const report = await loadDemoData(app, { history: configuration.demoHistory });
    console.log(
      `Demo data: ${report.partiesCreated} parties, ${report.usersCreated} users, ${report.entriesBooked} entries and ${report.recordsCreated} other records added.`,
    );
    console.table(DEMO_LOGINS);
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
