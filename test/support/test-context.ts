import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { Clock, ManualClock } from '../../src/common/clock.js';
import { type AppConfiguration, loadConfiguration } from '../../src/config/configuration.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { TEST_START } from './test-app.js';

export interface TestContext {
  app: INestApplicationContext;
  clock: ManualClock;
  configuration: AppConfiguration;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The application without HTTP, on a database of its own (real migrations), with a manual clock.
 * Given `shareDatabase`, it is a second instance on another context's database, as two app
 * servers on one PostgreSQL; closing it leaves the database to its owner.
 */
export async function createTestContext(
  options: { demoData?: boolean; shareDatabase?: TestDatabase } = {},
): Promise<TestContext> {
  const database: TestDatabase = options.shareDatabase ?? (await createTestDatabase());
  const configuration: AppConfiguration = {
    ...loadConfiguration({ NODE_ENV: 'test' }),
    database: database.configuration,
    loadDemoData: options.demoData ?? false,
  };
  const clock = new ManualClock(TEST_START);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(configuration)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  moduleRef.useLogger(['error']);
  const app = await moduleRef.init();
  return {
    app,
    clock,
    configuration,
    database,
    close: async () => {
      await app.close();
      if (!options.shareDatabase) await database.drop();
    },
  };
}
