// Pre-compresses the build (Brotli and gzip beside each text file and the decoder's wasm): the
// server does not compress on the fly, it serves these copies as the browser accepts them.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUILD_FOLDER = new URL('../dist/', import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json|wasm)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const COMPRESSION_SIZE_MIN_BYTES = 1024;

function* filesIn(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* filesIn(path);
    else yield path;
  }
}

let count = 0;
for (const path of filesIn(BUILD_FOLDER)) {
  if (!COMPRESSIBLE.test(path)) continue;
  const content = readFileSync(path);
  if (content.length < COMPRESSION_SIZE_MIN_BYTES) continue;
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  count += 1;
}
console.log(`compressed ${count} files in ${BUILD_FOLDER}`);
