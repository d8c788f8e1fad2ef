// Writes `.br` and `.gz` copies beside the files of dist/ a page downloads (the wasm, the
// standard library files, the JS), for servers that send precompressed files
// (`Content-Encoding`); tests/server.mjs does. A copy carries its file's modification time:
// a file whose time differs from its copy's (changed, or replaced by an older one) is
// compressed again, and a server can tell a stale copy.
//
//   node scripts/compress.mjs [dist]

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { sameTime } from "./copy-time.mjs";

const COMPRESSED = /\.(wasm|snapshot|bin|js|css)$/;

function* files(directory) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else if (COMPRESSED.test(entry.name)) yield file;
  }
}

const stale = (file, copy) => !fs.existsSync(copy) || !sameTime(fs.statSync(copy), fs.statSync(file));

function writeCopy(file, copy, bytes) {
  fs.writeFileSync(copy, bytes);
  const { atime, mtime } = fs.statSync(file);
  fs.utimesSync(copy, atime, mtime);
}

const root = process.argv[2] ?? "dist";
let written = 0;
for (const file of files(root)) {
  const data = fs.readFileSync(file);
  if (stale(file, `${file}.br`)) {
    const brotli = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        // A 16 MB window: brotli's best on the large wasm.
        [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      },
    });
    writeCopy(file, `${file}.br`, brotli);
    written++;
  }
  if (stale(file, `${file}.gz`)) {
    writeCopy(file, `${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    written++;
  }
}
console.log(`compress: ${written} compressed copies written in ${root}/`);
