import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { serveWebApp, WEB_APP_CONTENT_SECURITY_POLICY } from '../src/web/serve-web-app.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The generated API client's types, committed with the web app (web/src/api/schema.d.ts). */
const WEB_API_SCHEMA = join(process.cwd(), 'web', 'src', 'api', 'schema.d.ts');
const OPENAPI_TYPESCRIPT = join(
  process.cwd(),
  'web',
  'node_modules',
  'openapi-typescript',
  'bin',
  'cli.js',
);

const INDEX_HTML =
  '<!doctype html><html lang="nl"><head><script type="module" src="/assets/app-1234.js"></script></head><body><div id="root"></div></body></html>';
const APP_SCRIPT = 'console.log("the app");'.repeat(50);

/** A built web app as Vite leaves it (after web/scripts/compress-build.mjs): index.html, hashed assets with .br/.gz copies, a wasm file. */
function writeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'steerkes-web-build-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX_HTML);
  writeFileSync(join(root, 'manifest.webmanifest'), '{"name":"Steerkes"}');
  writeFileSync(join(root, 'assets', 'app-1234.js'), APP_SCRIPT);
  writeFileSync(join(root, 'assets', 'app-1234.js.br'), brotliCompressSync(APP_SCRIPT));
  writeFileSync(join(root, 'assets', 'app-1234.js.gz'), gzipSync(APP_SCRIPT));
  writeFileSync(
    join(root, 'assets', 'zxing_reader-5678.wasm'),
    Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]),
  );
  return root;
}

describe('Story: one server answers the web app at / and the API at /api', () => {
  let testApp: TestApp;
  let build: string;

  beforeAll(async () => {
    build = writeBuild();
    testApp = await createTestApp({
      demoData: false,
      beforeInit: (app) => serveWebApp(app, build),
    });
  });
  afterAll(async () => {
    await testApp.close();
    rmSync(build, { recursive: true, force: true });
  });

  it('answers index.html at / and at the app’s own routes (a reload of /kassa), with the strict policy and no caching', async () => {
    for (const path of ['/', '/kassa', '/login', '/volunteer/history?page=2']) {
      const response = await testApp.http.get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toBe(INDEX_HTML);
      expect(response.headers['content-security-policy']).toBe(WEB_APP_CONTENT_SECURITY_POLICY);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    expect(WEB_APP_CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('serves hashed assets pre-compressed as the browser accepts them, cached for a year', async () => {
    const brotli = await testApp.http
      .get('/assets/app-1234.js')
      .set('Accept-Encoding', 'br, gzip')
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const gzip = await testApp.http
      .get('/assets/app-1234.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(APP_SCRIPT); // supertest inflates gzip
    const plain = await testApp.http
      .get('/assets/app-1234.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(APP_SCRIPT);
  });

  it('serves the QR decoder’s WebAssembly as application/wasm (the browser refuses to compile it otherwise)', async () => {
    const response = await testApp.http.get('/assets/zxing_reader-5678.wasm').expect(200);
    expect(response.headers['content-type']).toBe('application/wasm');
  });

  it('keeps /api the API’s: an unknown API path is a problem+json 404 with the API’s own headers, never the app', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api/nothing', '/API/V1/nothing']) {
      const response = await testApp.http.get(path).expect(404);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
      expect(response.headers['content-security-policy']).not.toBe(WEB_APP_CONTENT_SECURITY_POLICY);
    }
    const documentation = await testApp.http.get('/api/docs-json').expect(200);
    expect(documentation.headers['content-security-policy']).not.toBe(
      WEB_APP_CONTENT_SECURITY_POLICY,
    );
  });

  it('answers a missing file with a 404, not with the app', async () => {
    const response = await testApp.http.get('/assets/gone-0000.js').expect(404);
    expect(response.text).not.toContain('<div id="root">');
  });

  it('leaves other methods than GET outside /api unanswered (404)', async () => {
    await testApp.http.post('/kassa').send({}).expect(404);
  });
});

describe('The web app’s typed API client matches the live OpenAPI document', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ demoData: false });
  });
  afterAll(() => testApp.close());

  /**
   * web/src/api/schema.d.ts is generated (openapi-typescript) from the document this app serves.
   * A change to the API that is not regenerated into the client fails here; UPDATE_WEB_API_SCHEMA=1
   * (npm run generate:web-api) writes the file instead.
   */
  it('generates the same types as the committed web/src/api/schema.d.ts', async () => {
    if (!existsSync(OPENAPI_TYPESCRIPT))
      throw new Error('web/node_modules is missing: run npm ci --prefix web');
    const document = (await testApp.http.get('/api/docs-json').expect(200)).body as object;
    const folder = mkdtempSync(join(tmpdir(), 'steerkes-openapi-'));
    try {
      const documentFile = join(folder, 'openapi.json');
      const generatedFile = join(folder, 'schema.d.ts');
      writeFileSync(documentFile, JSON.stringify(document));
      execFileSync(
        process.execPath,
        [OPENAPI_TYPESCRIPT, documentFile, '--output', generatedFile],
        { stdio: 'pipe' },
      );
      const generated = readFileSync(generatedFile, 'utf8');
      if (process.env.UPDATE_WEB_API_SCHEMA === '1') writeFileSync(WEB_API_SCHEMA, generated);
      expect(readFileSync(WEB_API_SCHEMA, 'utf8')).toBe(generated);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
