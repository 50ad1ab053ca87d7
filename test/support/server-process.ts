import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Steerkes server in a child process, for tests that must do what an in-process app
 * cannot: kill the process (SIGKILL) and start it again on the same database file.
 */

/** The repository root: two folders up from this file (test/support/). */
export const REPOSITORY_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ServerBuild {
  /** The compiled entry point, the same file `npm run build` writes to dist/src/main.js. */
  mainPath: string;
  /** A folder of its own for the test: databases, logs. Removed by dispose(). */
  folder: string;
  dispose(): void;
}

/**
 * Compiles the current sources exactly as `npm run build` does (tsc with tsconfig.build.json;
 * nest-cli.json adds no plugins), but into a private temporary folder instead of dist/:
 * - a fresh clone has no dist/, and a dist/ of yesterday would test yesterday's code;
 * - `nest build` first deletes dist/ (deleteOutDir), which would pull the floor from under anyone
 *   running `npm start` or another test run from the same checkout at that moment.
 * The folder gets a package.json with "type": "module" (the output is ESM, as in dist/) and a
 * symlink to the repository's node_modules, so the compiled server resolves the installed packages.
 */
export async function buildServer(options: { timeoutMs?: number } = {}): Promise<ServerBuild> {
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-server-'));
  const outDir = join(folder, 'build');
  const nodeModulesLink = join(outDir, 'node_modules');
  const dispose = () => {
    // Remove the link itself first, so nothing can ever walk into the real node_modules.
    if (existsSync(nodeModulesLink)) unlinkSync(nodeModulesLink);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const tsc = join(REPOSITORY_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(
      process.execPath,
      [
        tsc,
        '-p',
        join(REPOSITORY_ROOT, 'tsconfig.build.json'),
        '--outDir',
        outDir,
        '--pretty',
        'false',
      ],
      {
        cwd: REPOSITORY_ROOT,
        timeoutMs: options.timeoutMs ?? 120_000,
      },
    );
    const mainPath = join(outDir, 'src', 'main.js');
    if (result.timedOut)
      throw new Error(`compiling the server took longer than ${options.timeoutMs ?? 120_000} ms`);
    if (!existsSync(mainPath))
      throw new Error(`compiling the server failed (exit ${result.code}):\n${result.output}`);
    if (result.code !== 0) {
      // tsc still emits on type errors; the type check is `npm run typecheck`'s job, not this test's.
      console.warn(
        `tsc reported problems (exit ${result.code}); testing the emitted server anyway:\n${result.output}`,
      );
    }
    writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), nodeModulesLink, 'dir');
    return { mainPath, folder, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

function run(command: string, args: string[], options: { cwd: string; timeoutMs: number }) {
  return new Promise<{ code: number | null; output: string; timedOut: boolean }>((done) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; killed?: boolean }) | null;
        done({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          output: `${stdout}${stderr}`.trim(),
          timedOut: Boolean(failure?.killed),
        });
      },
    );
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  /** Always loopback: http://127.0.0.1:<port>/api/v1 */
  baseUrl: string;
  /** Resolves when the process has ended, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the server wrote, for failure messages. */
  recentOutput(): string;
  /** SIGKILL, then wait until the process is gone. Safe to call twice. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const READY_LINE = /Steerkes API on http:\/\/[^/\s]+:(\d+)\/api\/v1/;
const OUTPUT_LINES_KEPT = 60;

/**
 * Starts `node <mainPath>` with exactly the given environment (plus PATH) and waits for the
 * "Steerkes API on http://localhost:<port>/api/v1" line. Its output is read continuously (pipes are
 * synchronous for a Node child on Linux: unread, they would stall it) and the last lines are kept.
 */
export function startServer(
  mainPath: string,
  environment: Record<string, string>,
  options: { cwd: string; readyTimeoutMs?: number },
): Promise<RunningServer> {
  const child = spawn(process.execPath, [mainPath], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
  };
  const recentOutput = () => lines.join('\n');
  // Should the test process end without its afterAll (a crash, process.exit), take the server along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      done({ code, signal });
    });
    child.once('error', () => done({ code: child.exitCode, signal: child.signalCode })); // never spawned
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  };

  return new Promise<RunningServer>((ready, fail) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      void kill();
      settle(() =>
        fail(
          new Error(
            `the server did not report ready within ${timeoutMs} ms; its last output:\n${recentOutput()}`,
          ),
        ),
      );
    }, timeoutMs);
    const onLines = (stream: NodeJS.ReadableStream) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          remember(line);
          const match = READY_LINE.exec(line);
          if (match) {
            const port = Number(match[1]);
            settle(() =>
              ready({
                child,
                port,
                baseUrl: `http://127.0.0.1:${port}/api/v1`,
                exited,
                recentOutput,
                kill,
              }),
            );
          }
        }
      });
    };
    onLines(child.stdout);
    onLines(child.stderr);
    child.once('error', (error) => settle(() => fail(error)));
    void exited.then(({ code, signal }) =>
      settle(() =>
        fail(
          new Error(
            `the server exited before it was ready (code ${code}, signal ${signal}); its last output:\n${recentOutput()}`,
          ),
        ),
      ),
    );
  });
}
