import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module.js';
import { createLog } from '../src/common/logging/log.js';
import { loadConfiguration } from '../src/config/configuration.js';
import {
  APP_OPTIONS,
  configureApp,
  createHttpAdapter,
  createOpenApiDocument,
} from '../src/configure-app.js';

/**
 * `npm run lint:openapi` (first half): writes the OpenAPI document the server serves at
 * /api/docs-json to the file named as the first argument (default dist/openapi.json). The app is
 * built as the tests build it, on a throw-away SQLite database without demo data, and never listens.
 */
async function writeDocument(target: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-openapi-'));
  const configuration = {
    ...loadConfiguration({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${join(folder, 'db.sqlite')}` }),
    loadDemoData: false,
  };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(configuration),
    createHttpAdapter(configuration, createLog('error', process.stderr)),
    { ...APP_OPTIONS, logger: ['error'] },
  );
  try {
    configureApp(app, configuration);
    await app.init();
    writeFileSync(target, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  } finally {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

writeDocument(process.argv[2] ?? 'dist/openapi.json').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
