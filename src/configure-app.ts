import fastifyCookie from '@fastify/cookie';
import { withErrorCodes } from './common/http/api-problems.decorator.js';
import type { NestApplicationOptions, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE_NAME } from './auth/refresh-cookie.js';
import type { AppConfiguration } from './config/configuration.js';
import {
  assignRequestId,
  expressSend,
  jsonBody,
  leaveBodiesToJsonBody,
  noStoreWhenAuthenticated,
  requestLogger,
  securityHeaders,
} from './common/http/http-hooks.js';
import type { Log } from './common/logging/log.js';
import { BEARER_SCHEME, completeDocument } from './common/http/openapi-document.js';
import { documentParameterPipes, documentValidationLimits } from './common/http/openapi-limits.js';
import { ProblemDetailsFilter, sendProblem } from './common/http/problem-details.filter.js';
import type { SteerkesRequest } from './common/http/request-context.js';
import { RejectNulCharactersPipe } from './common/http/nul-character.pipe.js';
import { createValidationPipe } from './common/http/validation.js';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
const BATCH_TRANSFERS_PATH = 'transfers/batch';

/** Options for NestFactory.create and Test's createNestApplication alike: configureApp adds the parser. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Longer than any URL Node.js takes (its 16 KiB header limit): a long id is the pipe's to refuse, not the router's. */
const MAX_PARAM_LENGTH = 16 * 1024;

const EXPOSED_HEADERS = 'X-Request-Id,Idempotent-Replayed,Retry-After';

const applySecurityHeaders = securityHeaders();

/**
 * The HTTP server: Fastify, set to route as Express did (paths matched whatever the letter case,
 * with or without a trailing slash, route parameters of any length), with Node's keep-alive and
 * request time-outs (Fastify's own are 72 s and none), and no 503 of Fastify's own shape while the
 * server closes (SIGTERM lets requests on open connections finish, as before). Every answered
 * request, the router's refusals included, gets one line in `log` (see requestLogger).
 */
export function createHttpAdapter(configuration: AppConfiguration, log: Log): FastifyAdapter {
  const logRequest = requestLogger(log);
  const adapter = new FastifyAdapter({
    routerOptions: {
      caseSensitive: false,
      ignoreTrailingSlash: true,
      maxParamLength: MAX_PARAM_LENGTH,
    },
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    return503OnClosing: false,
    // X-Forwarded-For is believed only from these proxies; otherwise request.ip is the socket's.
    trustProxy: configuration.trustedProxies.length > 0 ? configuration.trustedProxies : false,
    // A URL the router cannot read (a bad %-escape): no request hook runs, nor the exception
    // filter, so the headers every response has are given here, and the problem response is sent.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      applySecurityHeaders(request, reply, () => undefined);
      corsHeaders(configuration.corsOrigins, request, reply);
      assignRequestId(request, reply);
      reply.raw.once('finish', () => logRequest(request, reply));
      sendProblem(error, request as SteerkesRequest, reply);
    },
  });
  // The adapter's first request hook, before its CORS hook: helmet was the first middleware, before cors.
  adapter.setOnRequestHook(applySecurityHeaders);
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
  return adapter;
}

/**
 * Everything about the HTTP application that main.ts and the end-to-end tests share. The request
 * hooks run in the order the Express middleware did: security headers (createHttpAdapter), CORS
 * (a preflight is answered there), the request id, the JSON body, then guards and handlers; the
 * log line once answered is the adapter's (createHttpAdapter).
 */
export function configureApp(
  app: NestFastifyApplication,
  configuration: AppConfiguration,
): NestFastifyApplication {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('requestId', null);
  if (configuration.corsOrigins.length > 0) {
    app.enableCors({
      origin: configuration.corsOrigins,
      // As the cors middleware wrote them (comma-joined), and every OPTIONS request answered as a preflight.
      methods: 'GET,POST,PUT,PATCH,DELETE',
      allowedHeaders: 'Authorization,Content-Type,Idempotency-Key,Accept-Language,X-Request-Id',
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
      strictPreflight: false,
    });
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    assignRequestId(request, reply);
    done();
  });
  // Cookies are read and written for the login session's refresh cookie (src/auth/refresh-cookie.ts).
  void fastify.register(fastifyCookie);
  leaveBodiesToJsonBody(fastify);
  fastify.addHook(
    'preValidation',
    jsonBody({
      limit: configuration.bodySizeLimitBytes,
      largerLimit: {
        pathPrefix: `/${API_PREFIX}/${BATCH_TRANSFERS_PATH}`,
        limit: configuration.batchBodySizeLimitBytes,
      },
    }),
  );
  fastify.addHook('onSend', noStoreWhenAuthenticated(API_PREFIX));
  fastify.addHook('onSend', expressSend);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new RejectNulCharactersPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  // The documentation maps every route and refusal: off in production unless SWAGGER_UI=on.
  if (configuration.swaggerUi) {
    SwaggerModule.setup(DOCS_PATH, app, () => createOpenApiDocument(app), {
      jsonDocumentUrl: DOCS_JSON_PATH,
    });
  }
  return app;
}

/** The OpenAPI document served at DOCS_JSON_PATH (and written by scripts/openapi-document.ts). */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  documentValidationLimits();
  documentParameterPipes(controllersOf(app));
  return completeDocument(withErrorCodes(SwaggerModule.createDocument(app, openApiConfig())));
}

function controllersOf(app: NestFastifyApplication): Type[] {
  const controllers: Type[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values())
      if (wrapper.metatype) controllers.push(wrapper.metatype as Type);
  return controllers;
}

/** The CORS headers of a response that is not a preflight, as the cors middleware gave them. */
function corsHeaders(origins: string[], request: FastifyRequest, reply: FastifyReply): void {
  if (origins.length === 0) return;
  reply.header('Vary', 'Origin');
  const origin = request.headers.origin;
  if (origin !== undefined && origins.includes(origin))
    reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Steerkes API')
    .setDescription(
      'Community timebank and local-currency ledger for Maastricht. Amounts are decimal strings with two decimals ("12.50"); ' +
        'errors are application/problem+json with a stable `code`; requests that move Steerkes take an Idempotency-Key header.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The access token of POST /auth/login, short-lived. Made and checked as RFC8725 advises: ' +
          'one algorithm (HS256) accepted, never "none"; issuer and expiry checked on every request.',
      },
      BEARER_SCHEME,
    )
    .addCookieAuth(
      REFRESH_COOKIE_NAME,
      {
        type: 'apiKey',
        in: 'cookie',
        name: REFRESH_COOKIE_NAME,
        description: 'The login session (httpOnly), set by POST /auth/login.',
      },
      REFRESH_COOKIE_NAME,
    )
    .build();
}
