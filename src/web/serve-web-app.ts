import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type {} from '@fastify/static'; // reply.sendFile
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app (web/, built by Vite into web/dist) served by the same server at `/`: its files as
 * they are (pre-compressed .br/.gz where the browser takes them: Fastify does not compress), and
 * index.html for any other GET outside /api so that the app's own routes (/kassa, /login) load
 * on a reload. Everything under /api stays the API's: an unknown API path is still the API's
 * problem+json 404, and API responses keep the API's own security headers.
 */

/** Content-Security-Policy of the app's pages: no inline script, nothing from another origin. */
export const WEB_APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the QR decoder (zxing, WebAssembly, served from here) compile; no 'unsafe-eval'.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed file names never change content: cache them for a year. Everything else is checked each time. */
const IMMUTABLE_ASSETS_CACHE_CONTROL = 'public, max-age=31536000, immutable';
const REVALIDATE_CACHE_CONTROL = 'no-cache';
const HASHED_ASSETS_PREFIX = '/assets/';
const API_PATH = /^\/api(\/|$)/i;
/** A last path segment with a dot names a file: a missing file is a 404, not the app. */
const FILE_LIKE_PATH = /\/[^/]*\.[^/]*$/;

/** The folder of the built web app: web/dist at the repository root, found from this module (src/web or dist/src/web). */
export function findWebAppBuild(): string | null {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth += 1) {
    const candidate = join(folder, 'web', 'dist');
    if (existsSync(join(folder, 'web', 'package.json')))
      return existsSync(join(candidate, 'index.html')) ? candidate : null;
    folder = dirname(folder);
  }
  return null;
}

function isApiPath(url: string): boolean {
  return API_PATH.test(url);
}

/** Serves the web app built in `root` (see findWebAppBuild); call after configureApp, before listen. */
export function serveWebApp(app: NestFastifyApplication, root: string): void {
  const buildFolder = resolve(root);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // After the API's helmet hook: the app's pages get their own, stricter policy.
    if (!isApiPath(request.url))
      reply.header('Content-Security-Policy', WEB_APP_CONTENT_SECURITY_POLICY);
    done();
  });
  // globIgnore is @fastify/static's own option, not in Nest's copy of its type: a variable, not a literal.
  const staticOptions = {
    root: buildFolder,
    prefix: '/',
    wildcard: false as const,
    index: false as const,
    preCompressed: true,
    // The compressed copies are chosen by Accept-Encoding, not asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    // @fastify/static 10 passes the reply here (Nest's type still names the older response shape).
    setHeaders: (response: unknown, path: string) => {
      const immutable = path.startsWith(join(buildFolder, HASHED_ASSETS_PREFIX));
      (response as FastifyReply).header(
        'Cache-Control',
        immutable ? IMMUTABLE_ASSETS_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL,
      );
    },
  };
  app.useStaticAssets(staticOptions);
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (isApiPath(path) || FILE_LIKE_PATH.test(path)) return reply.callNotFound();
    reply.header('Cache-Control', REVALIDATE_CACHE_CONTROL);
    return reply.sendFile('index.html', buildFolder);
  });
}
