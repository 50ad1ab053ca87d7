import { type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import helmet from 'helmet';
import type { AppConfiguration } from './config/configuration.js';
import { requestLogging } from './common/http/request-logging.middleware.js';
import { ProblemDetailsFilter } from './common/http/problem-details.filter.js';
import { createValidationPipe } from './common/http/validation.js';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
const BATCH_TRANSFERS_PATH = 'transfers/batch';

/** Options for NestFactory.create and Test's createNestApplication alike: configureApp adds the parser. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Everything about the HTTP application that main.ts and the end-to-end tests share. */
export function configureApp(app: INestApplication, configuration: AppConfiguration): INestApplication {
  const expressApp = app as NestExpressApplication;
  expressApp.disable('x-powered-by');
  // Security headers; the Swagger UI at /api/docs needs its inline script and styles.
  expressApp.use(
    helmet({
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
      },
    }),
  );
  if (configuration.corsOrigins.length > 0) {
    app.enableCors({
      origin: configuration.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    });
  }
  expressApp.use(requestLogging);
  // The batch endpoint's larger limit first: a body parsed here is not parsed again below.
  expressApp.use(`/${API_PREFIX}/${BATCH_TRANSFERS_PATH}`, bodyParser.json({ limit: configuration.batchBodySizeLimitBytes, strict: true }));
  expressApp.useBodyParser('json', { limit: configuration.bodySizeLimitBytes, strict: true });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, openApiConfig()), {
    jsonDocumentUrl: DOCS_JSON_PATH,
  });
  return app;
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Steerkes API')
    .setDescription(
      'Community timebank and local-currency ledger for Maastricht. Amounts are decimal strings with two decimals ("12.50"); ' +
        'errors are application/problem+json with a stable `code`; requests that move Steerkes take an Idempotency-Key header.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
}
