import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createLog, NestLog } from './common/logging/log.js';
import { ConfigurationError, loadConfiguration } from './config/configuration.js';
import { APP_OPTIONS, configureApp, createHttpAdapter, DOCS_PATH } from './configure-app.js';
import { findWebAppBuild, serveWebApp } from './web/serve-web-app.js';

async function bootstrap(): Promise<void> {
  const configuration = loadConfiguration();
  const log = createLog(configuration.logLevel);
  const logger = new NestLog(log);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(configuration),
    createHttpAdapter(configuration, log),
    { ...APP_OPTIONS, logger },
  );
  configureApp(app, configuration);
  const webAppBuild = findWebAppBuild();
  if (webAppBuild) serveWebApp(app, webAppBuild);
  else logger.warn('The web app is not built (npm run build): serving the API only', 'Bootstrap');
  if (configuration.host) await app.listen(configuration.port, configuration.host);
  else await app.listen(configuration.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const documentation = configuration.swaggerUi
    ? `documentation on ${url}/${DOCS_PATH}`
    : 'documentation off (SWAGGER_UI=on serves it)';
  logger.log(`Steerkes API on ${url}/api/v1, web app on ${url}/, ${documentation}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A configuration error is the operator's to fix: say what, without a stack trace.
  if (error instanceof ConfigurationError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
