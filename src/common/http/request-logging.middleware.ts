import { Logger } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { requestIdFrom, type SteerkesRequest } from './request-context.js';

const logger = new Logger('HTTP');

/**
 * Gives every request an id (echoed as X-Request-Id) and logs one structured line when the
 * response is finished. Only the path is logged: never the query string, headers or body,
 * which may carry tokens, passwords or PINs.
 */
export function requestLogging(request: SteerkesRequest, response: Response, next: NextFunction): void {
  const startedAt = process.hrtime.bigint();
  request.requestId = requestIdFrom(request.headers['x-request-id']);
  response.setHeader('X-Request-Id', request.requestId);
  response.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    logger.log({
      requestId: request.requestId,
      method: request.method,
      path: request.path,
      status: response.statusCode,
      durationMs: Math.round(durationMs * 10) / 10,
      userId: request.user?.id ?? null,
    });
  });
  next();
}
