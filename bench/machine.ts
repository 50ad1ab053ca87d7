import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

export interface MachineDescription {
  cpuModel: string;
  cpuCount: number;
  totalMemory: string;
  os: string;
  node: string;
  sqlite: string;
  packages: Record<string, string>;
  tmpFilesystem: string;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  for (const manifest of [
    () => require.resolve(`${name}/package.json`),
    () => join(process.cwd(), 'node_modules', name, 'package.json'),
  ]) {
    try {
      return (JSON.parse(readFileSync(manifest(), 'utf8')) as { version: string }).version;
    } catch {
      // a package whose exports hide package.json: try the next way
    }
  }
  return 'unknown';
}

/** The file system holding `path` (Linux /proc/mounts; "unknown" elsewhere): tmpfs would make fsync free. */
function filesystemOf(path: string): string {
  try {
    let best: { mount: string; type: string; device: string } | undefined;
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device, mount, type] = line.split(' ');
      if (!mount || !(path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`)))
        continue;
      if (!best || mount.length >= best.mount.length) best = { mount, type, device };
    }
    return best ? `${best.type} (${best.device} on ${best.mount})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(sqliteVersion: string, tmpPath: string): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    sqlite: sqliteVersion,
    packages: Object.fromEntries(
      ['better-sqlite3', 'typeorm', '@nestjs/core'].map((name) => [name, packageVersion(name)]),
    ),
    tmpFilesystem: `${tmpPath}: ${filesystemOf(tmpPath)}`,
  };
}
