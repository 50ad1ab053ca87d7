import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain ES module script without types
import { fakeCameraVideo } from '../scripts/fake-camera.mjs';
import { FAKE_CAMERA_VIDEO } from '../playwright.config';

const REPOSITORY = join(import.meta.dirname, '..', '..');
const SERVER_ENTRY = join(REPOSITORY, 'dist', 'src', 'main.js');
/** The access token's lifetime on the second server, where the session must outlive it. */
export const SHORT_JWT_TTL_SECONDS = 3;
/** The first start writes a year of demo history. */
const SERVER_START_TIMEOUT_MS = 180_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the built server on a fresh SQLite file with the demo; resolves with its URL once it listens. */
async function startServer(
  name: string,
  environment: Record<string, string>,
): Promise<{ url: string; process: ChildProcess; folder: string }> {
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), `steerkes-e2e-${name}-`));
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPOSITORY,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(folder, 'steerkes.sqlite')}`,
      LOG_LEVEL: 'warn',
      LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      LOGINS_PER_ADDRESS_PER_MINUTE: '10000',
      // Development hashes at production's cost (2^17); the stories need the demo, not the cost.
      PASSWORD_SCRYPT_COST: '4096',
      REDEMPTIONS_PER_MINUTE: '10000',
      TRANSPARENCY_REQUESTS_PER_MINUTE: '10000',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} server did not start in time:\n${output}`)),
      SERVER_START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // main.ts logs this line once it listens (at LOG_LEVEL warn the log line is not printed: ask /health).
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited with ${code}:\n${output}`));
    });
    const probe = () =>
      fetch(`${url}/api/v1/health`)
        .then((response) =>
          response.ok ? (clearTimeout(timer), resolve()) : setTimeout(probe, 250),
        )
        .catch(() => setTimeout(probe, 250));
    probe();
  });
  child.removeAllListeners('exit');
  return { url, process: child, folder };
}

async function demoPassNumber(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'volunteer@steerkes.test', password: 'steerkes-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const passes = (await (
    await fetch(`${url}/api/v1/passes`, { headers: { Authorization: `Bearer ${accessToken}` } })
  ).json()) as { items: Array<{ number: string; status: string }> };
  const active = passes.items.find((pass) => pass.status === 'active');
  if (!active) throw new Error('the demo volunteer has no active pass');
  return active.number;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const built of [SERVER_ENTRY, join(REPOSITORY, 'web', 'dist', 'index.html')]) {
    if (!existsSync(built))
      throw new Error(`${built} is missing: run npm run build at the repository root first`);
  }
  const [main, shortSessions] = await Promise.all([
    startServer('main', {}),
    startServer('short-ttl', { JWT_TTL: String(SHORT_JWT_TTL_SECONDS) }),
  ]);
  const passNumber = await demoPassNumber(main.url);
  mkdirSync(join(FAKE_CAMERA_VIDEO, '..'), { recursive: true });
  writeFileSync(FAKE_CAMERA_VIDEO, fakeCameraVideo(passNumber));
  process.env.STEERKES_BASE_URL = main.url;
  process.env.STEERKES_SHORT_TTL_URL = shortSessions.url;
  process.env.STEERKES_DEMO_PASS = passNumber;
  return async () => {
    for (const server of [main, shortSessions]) {
      server.process.kill('SIGTERM');
      rmSync(server.folder, { recursive: true, force: true });
    }
  };
}
