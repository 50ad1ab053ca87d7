import { execFile, execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import Database from 'better-sqlite3';

/**
 * Tools for the fault tests (test/faults.e2e-spec.ts): plain HTTP requests that say exactly how
 * they ended (an answer, or which connection error), a file-size limit on a running process to
 * stand in for a full disk, and a look at a SQLite file after the server has gone.
 */

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes; the tests say what they expect
  body: any;
  /** performance.now() when the whole answer had been read. */
  answeredAt: number;
}

export type RawOutcome =
  | { kind: 'answer'; answer: RawAnswer }
  | { kind: 'connection-error'; code: string; message: string; at: number };

/**
 * One request on a connection of its own (no keep-alive agent, so no request ever waits behind
 * another for a socket), bounded in time. `onWritten` fires when the request has been written in
 * full to a connected socket. Never rejects: a connection error is an outcome like an answer.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
    onWritten?: () => void;
  } = {},
): Promise<RawOutcome> {
  const url = new URL(`${baseUrl}${path}`);
  const payload =
    options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise<RawOutcome>((done) => {
    let settled = false;
    const settle = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      done(outcome);
    };
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
        headers: {
          Connection: 'close',
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) }
            : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) =>
          settle({
            kind: 'connection-error',
            code: error.code ?? 'RESPONSE_ERROR',
            message: error.message,
            at: performance.now(),
          }),
        );
        response.on('end', () => {
          if (!response.complete) {
            settle({
              kind: 'connection-error',
              code: 'INCOMPLETE_RESPONSE',
              message: 'the answer was cut off',
              at: performance.now(),
            });
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: keep the text for the failure message
          }
          settle({
            kind: 'answer',
            answer: {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body,
              answeredAt: performance.now(),
            },
          });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error('request timed out'), { code: 'CLIENT_TIMEOUT' })),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle({
        kind: 'connection-error',
        code: error.code ?? 'ERROR',
        message: error.message,
        at: performance.now(),
      }),
    );
    request.on('finish', () => options.onWritten?.());
    request.end(payload);
  });
}

/** Whether a new TCP connection to the port is accepted (true) or refused (false). */
export function acceptsConnections(port: number, timeoutMs = 2_000): Promise<boolean | 'timeout'> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      done('timeout');
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      done(true);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      done(false);
    });
  });
}

/**
 * Sets the soft RLIMIT_FSIZE of a running process (util-linux `prlimit --pid`), `null` for no
 * limit. With a limit, every write(2) the process makes to a regular file at an offset at or
 * beyond it fails with EFBIG (a write that crosses it is cut short), which is what SQLite sees of
 * a full disk; pipes and sockets are not files and are unaffected. The kernel also sends SIGXFSZ,
 * which Node ignores (checked: a Node process under `ulimit -f 1` gets EFBIG from fs.writeSync and
 * lives on). Works as root and as an ordinary user alike, unlike chmod (root writes through
 * permissions; and a file already open stays writable whatever its mode) and without a filesystem
 * of its own to fill (mount and loop devices need privileges this machine may not give).
 */
export function setFileSizeLimit(pid: number, bytes: number | null): Promise<void> {
  const soft = bytes === null ? 'unlimited' : String(bytes);
  return new Promise((done, fail) => {
    execFile(
      'prlimit',
      ['--pid', String(pid), `--fsize=${soft}:`],
      { timeout: 5_000 },
      (error, stdout, stderr) => {
        if (error)
          fail(
            new Error(`prlimit --pid ${pid} --fsize=${soft}: failed: ${error.message} ${stderr}`),
          );
        else done();
      },
    );
  });
}

/** The soft RLIMIT_FSIZE of a running process as prlimit reports it ('unlimited' or bytes). */
export function fileSizeLimitOf(pid: number): string {
  return execFileSync(
    'prlimit',
    ['--pid', String(pid), '--fsize', '--output=SOFT', '--noheadings'],
    { encoding: 'utf8', timeout: 5_000 },
  ).trim();
}

export interface SqliteFileState {
  /** PRAGMA integrity_check: ['ok'] when the file is sound. */
  integrity: string[];
  /** Bytes left in the -wal file next to it (0 when there is none): a clean close leaves none. */
  walBytes: number;
  journalMode: string;
}

/**
 * Opens a SQLite file the server has let go of, read-only, and reports its integrity and what
 * the server left behind. Looks at the -wal file BEFORE opening (opening may replay it).
 */
export function inspectSqliteFile(path: string): SqliteFileState {
  const walPath = `${path}-wal`;
  const walBytes = existsSync(walPath) ? statSync(walPath).size : 0;
  const connection = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (
      connection.pragma('integrity_check') as Array<{ integrity_check: string }>
    ).map((row) => row.integrity_check);
    const journalMode = String(connection.pragma('journal_mode', { simple: true }));
    return { integrity, walBytes, journalMode };
  } finally {
    connection.close();
  }
}

/** Size in bytes of a file, 0 when it does not exist. */
export function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
