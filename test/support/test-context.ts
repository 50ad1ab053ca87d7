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
  close(): Promise<void>;
}

/** The application without HTTP, on a database of its own (real migrations), with a manual clock. */
export async function createTestContext(options: { demoData?: boolean } = {}): Promise<TestContext> {
  const database: TestDatabase = await createTestDatabase();
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
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
