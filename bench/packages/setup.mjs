#!/usr/bin/env node
// Puts in place what the `packages` workloads install, so that they run offline:
//
//  * bench/packages/wheels/: the pure-Python wheels of PACKAGES (and their dependencies), from
//    PyPI by `python3 -m pip download` (the one step that needs the network);
//  * bench/packages/index/: a PEP 503 simple index of them (links with `#sha256=`), served at
//    /packages/index/ and given to each system as its config's `index_urls`;
//  * bench/packages/pyodide/: what PyScript+Pyodide needs besides: `packages` there is
//    installed by micropip, which Pyodide loads from its own distribution (not in the npm
//    package). The micropip and packaging wheels of the versions Pyodide's lock file names come
//    from PyPI, and a copy of the lock file names their sha256 (Pyodide's own builds of them
//    differ in bytes, and Pyodide checks). systems/py.mjs mounts this folder over
//    /node_modules/pyodide/; files it lacks come from the npm package.
//
// Run once per machine after `npm ci` (about 10 s): node packages/setup.mjs
// Nothing here is committed (.gitignore).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPENDENCIES, PACKAGES } from './list.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const download = (requirements, into) =>
  execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--python-version', '3.14', '--only-binary=:all:', '-d', into, ...requirements], { stdio: 'inherit' });

const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const normalize = (name) => name.replace(/[-_.]+/g, '-').toLowerCase();

// The wheels and their index.
const wheels = path.join(HERE, 'wheels');
fs.mkdirSync(wheels, { recursive: true });
download([...PACKAGES, ...DEPENDENCIES], wheels);
const projects = new Map();
for (const file of fs.readdirSync(wheels).filter((name) => name.endsWith('.whl'))) {
  const project = normalize(file.split('-')[0]);
  projects.set(project, [...(projects.get(project) ?? []), file]);
}
const index = path.join(HERE, 'index');
fs.rmSync(index, { recursive: true, force: true });
for (const [project, files] of projects) {
  fs.mkdirSync(path.join(index, project), { recursive: true });
  const links = files.map((file) => `<a href="../../wheels/${file}#sha256=${sha256(path.join(wheels, file))}">${file}</a><br>`);
  fs.writeFileSync(path.join(index, project, 'index.html'), `<!DOCTYPE html>\n<html><body>\n${links.join('\n')}\n</body></html>\n`);
}
fs.writeFileSync(
  path.join(index, 'index.html'),
  `<!DOCTYPE html>\n<html><body>\n${[...projects.keys()].map((project) => `<a href="${project}/">${project}</a><br>`).join('\n')}\n</body></html>\n`,
);

// Pyodide's micropip, offline.
const pyodide = path.join(HERE, 'pyodide');
fs.mkdirSync(pyodide, { recursive: true });
const lock = JSON.parse(fs.readFileSync(path.join(HERE, '..', 'node_modules', 'pyodide', 'pyodide-lock.json'), 'utf8'));
const needed = ['micropip', 'packaging'].map((name) => lock.packages[name]);
download(needed.map(({ name, version }) => `${name}==${version}`), pyodide);
for (const entry of needed) entry.sha256 = sha256(path.join(pyodide, entry.file_name));
fs.writeFileSync(path.join(pyodide, 'pyodide-lock.json'), JSON.stringify(lock));

console.log(`packages: ${[...projects.values()].flat().length} wheels in ${path.relative(process.cwd(), wheels)}, index in ${path.relative(process.cwd(), index)}; micropip for Pyodide in ${path.relative(process.cwd(), pyodide)}`);
