// gzip and brotli sizes of the bytes a page loads: what a compressing server (gzip -6) or a
// host of precompressed files (brotli -11) would send instead of the raw bytes this server
// sends.
//
// Brotli at quality 11 takes about 45 s for the 17 MB pyscript-rs wasm on a 2-core machine,
// so nothing is compressed while a page loads (the server would stall the run in progress):
// the server keeps each distinct response body until the runs are over, then the driver asks
// for all sizes at once. They are remembered by content hash in node_modules/.cache/, so a
// file is compressed once per machine, not once per run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const GZIP_LEVEL = 6;
export const BROTLI_QUALITY = 11;
// a 16 MB window (the default is 4 MB): brotli's best on files as large as the wasm runtimes
export const BROTLI_WINDOW = 24;
const SETTINGS = `gzip-${GZIP_LEVEL} brotli-${BROTLI_QUALITY} window-${BROTLI_WINDOW}`;

const DEFAULT_CACHE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..',
  'node_modules', '.cache', 'pyruntime-bench', 'compressed-sizes.json');

export function compress(buf) {
  return {
    gzip: zlib.gzipSync(buf, { level: GZIP_LEVEL }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** Compressed sizes by content hash, kept in a JSON file between runs. */
export class CompressedSizes {
  constructor(cacheFile = DEFAULT_CACHE_FILE) {
    this.cacheFile = cacheFile;
    this.sizes = {};
    try {
      const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
      if (saved.settings === SETTINGS) this.sizes = saved.sizes;
    } catch {} // no cache yet, or an unreadable one: start empty
  }

  static hash(buf) {
    return crypto.createHash('sha256').update(buf).digest('hex');
  }

  has(buf) {
    return CompressedSizes.hash(buf) in this.sizes;
  }

  /** {gzip, brotli} of buf, compressed now unless the cache has it. */
  of(buf) {
    const key = CompressedSizes.hash(buf);
    if (!(key in this.sizes)) {
      const { gzip, brotli } = compress(buf);
      this.sizes[key] = [gzip, brotli];
    }
    const [gzip, brotli] = this.sizes[key];
    return { gzip, brotli };
  }

  save() {
    try {
      fs.mkdirSync(path.dirname(this.cacheFile), { recursive: true });
      fs.writeFileSync(this.cacheFile, JSON.stringify({ settings: SETTINGS, sizes: this.sizes }));
    } catch (e) {
      console.error(`cannot save compressed sizes to ${this.cacheFile}: ${e.message}`);
    }
  }
}
