// Bundles js/NAME with the modules it imports into dist/NAME (npm esbuild), for each NAME given.
// js/NAME's own relative imports resolve in dist/ (the wasm-bindgen glue and wasm-file.js are
// only there; the other modules are copies of js/'s), and a bundle is written only when its
// content changed: an unchanged bundle keeps its time, and scripts/compress.mjs its
// compressed copies.
//
//   node scripts/bundle.mjs [--minify] NAME...      (from the repository's root)

import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const minify = args[0] === "--minify";
const names = minify ? args.slice(1) : args;

for (const name of names) {
  const source = path.resolve("js", name);
  const bundle = path.resolve("dist", name);
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify,
    outfile: bundle,
    write: false,
    logLevel: "warning",
    plugins: [
      {
        name: "imports-from-dist",
        setup(build) {
          build.onResolve({ filter: /^\.\.?\// }, (args) =>
            args.importer === source ? { path: path.resolve("dist", args.path) } : undefined,
          );
        },
      },
    ],
  });
  const [output] = result.outputFiles;
  const old = fs.existsSync(bundle) ? fs.readFileSync(bundle) : null;
  if (!old?.equals(output.contents)) fs.writeFileSync(bundle, output.contents);
}
