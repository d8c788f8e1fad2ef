// pyscript-rs: this repository's runtime, built into dist/ by scripts/build.sh. It runs the
// same `pyscript`-flavour workloads as PyScript with MicroPython and with Pyodide.
import fs from 'node:fs';

const cargo = fs.readFileSync(new URL('../../runtime/Cargo.toml', import.meta.url), 'utf8');

export default {
  name: 'rs',
  label: `pyscript-rs ${/^version = "(.*)"/m.exec(cargo)[1]} / RustPython 0.6.0`,
  flavour: 'pyscript',
  head: [
    '<link rel="stylesheet" href="/ext/rs/core.css">',
    '<script type="module" src="/ext/rs/core.js"></script>',
  ].join('\n'),
  scriptType: 'py',
  static: { '/ext/rs/': '../../dist' },
  versions: { 'pyscript-rs': /^version = "(.*)"/m.exec(cargo)[1] },
};
