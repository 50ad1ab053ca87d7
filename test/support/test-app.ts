import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { AppModule } from '../../src/app.module.js';
import { ManualClock, Clock } from '../../src/common/clock.js';
import { createLog, type Log } from '../../src/common/logging/log.js';
import { type AppConfiguration, loadConfiguration } from '../../src/config/configuration.js';
import { APP_OPTIONS, configureApp, createHttpAdapter } from '../../src/configure-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: ManualClock;
  configuration: AppConfiguration;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The start of every test clock: a Monday morning in Maastricht. */
export const TEST_START = new Date('2026-11-23T09:00:00.000Z');

/**
 * The real application, in-process, configured exactly as main.ts configures it, on a database of
 * its own, with a clock the test moves. The Maastricht demo is loaded unless asked otherwise; its
 * year of history only when asked (`demoHistory: true`): it takes seconds to write, and most stories
 * need the demo's people and places, not its past. Given `shareDatabase`, it starts on a database
 * another test made (as a restart would), and leaves it to its owner when closed.
 */
export async function createTestApp(
  options: {
    demoData?: boolean;
    demoHistory?: boolean;
    environment?: Record<string, string>;
    beforeInit?: (app: NestFastifyApplication) => void;
    shareDatabase?: TestDatabase;
    /** The request lines' log; by default at LOG_LEVEL (warn in tests: none) on standard output. */
    log?: Log;
  } = {},
): Promise<TestApp> {
  const database = options.shareDatabase ?? (await createTestDatabase());
  const dropDatabase = () => (options.shareDatabase ? Promise.resolve() : database.drop());
  const configuration: AppConfiguration = {
    ...loadConfiguration({
      NODE_ENV: 'test',
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      LOGINS_PER_ADDRESS_PER_MINUTE: '100000',
      REDEMPTIONS_PER_MINUTE: '100000',
      TRANSPARENCY_REQUESTS_PER_MINUTE: '100000',
      ...options.environment,
    }),
    database: database.configuration,
    loadDemoData: options.demoData ?? true,
    demoHistory: options.demoHistory ?? false,
  };
  const clock = new ManualClock(TEST_START);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(configuration)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter(
      configuration,
      options.log ?? createLog(configuration.logLevel, process.stdout),
    ),
    { ...APP_OPTIONS, logger: ['error'] },
  );
  configureApp(app, configuration);
  options.beforeInit?.(app);
  try {
    await app.init();
    // Fastify loads its plugins (CORS, the Swagger UI's static files) on ready(): before any request.
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // A refused start (that is what some tests want) must not leave connections open.
    await app.close().catch(() => undefined);
    await dropDatabase();
    throw error;
  }
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    configuration,
    database,
    close: async () => {
      await app.close();
      await dropDatabase();
    },
  };
}
