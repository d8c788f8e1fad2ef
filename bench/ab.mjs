#!/usr/bin/env node
// A/B of two pyscript-rs builds on trigger workloads, made for a machine that is not quiet:
// the two dist/ folders take turns (A B B A ...), each page runs its workload's trigger
// several times in a row, and the figures are each system's minimum (the run the machine
// disturbed least) and median of every trigger's inside_ms, and per phase.
//
//   node ab.mjs --a /path/to/dist-A [--b ../dist] [--workloads compute,micro] [--rounds 6]
//               [--triggers 4] [--param n=100000] [--raw]
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { loadSystems, buildPage, WORKLOADS } from './lib/pages.mjs';

const o = { b: path.resolve(import.meta.dirname, '../dist'), workloads: ['compute', 'micro'], rounds: 6, triggers: 4, params: {} };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const next = () => argv[++i];
  switch (argv[i]) {
    case '--a': o.a = path.resolve(next()); break;
    case '--b': o.b = path.resolve(next()); break;
    case '--workloads': o.workloads = next().split(','); break;
    case '--rounds': o.rounds = Number(next()); break;
    case '--triggers': o.triggers = Number(next()); break;
    case '--raw': o.raw = true; break;
    case '--param': { const [k, v] = next().split('='); o.params[k] = v; break; }
    default: throw new Error(`unknown argument ${argv[i]}`);
  }
}
if (!o.a) throw new Error('--a DIST is required');

const systems = await loadSystems();
const variant = (name, dist) => ({ ...systems.rs, name, static: { [`/ext/${name}/`]: dist },
  head: systems.rs.head.replaceAll('/ext/rs/', `/ext/${name}/`) });
systems.A = variant('A', o.a);
systems.B = variant('B', o.b);
const srv = await startServer({ roots: { ...systems.A.static, ...systems.B.static },
  pageBuilder: (s, w, q) => buildPage(systems, s, w, Object.fromEntries(q)) });
const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM || '/usr/bin/chromium', headless: true,
  chromiumSandbox: false, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

async function runPage(system, workload) {
  if (WORKLOADS[workload].mode !== 'trigger') throw new Error(`${workload} is not a trigger workload`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const qs = new URLSearchParams(o.params).toString();
  await page.goto(`${srv.origin}/_page/${system}/${workload}.html${qs ? '?' + qs : ''}`);
  await page.waitForFunction(() => document.getElementById('bench-status')?.textContent === 'armed'
    || document.querySelector('.py-error'), null, { timeout: 120000 });
  const reports = [];
  for (let t = 0; t < o.triggers; t++) {
    await page.evaluate(() => { document.getElementById('result').textContent = '';
      document.getElementById('bench-trigger').dispatchEvent(new CustomEvent('bench-run')); });
    await page.waitForFunction(() => document.getElementById('result').textContent !== '', null, { timeout: 120000 });
    const report = JSON.parse(await page.textContent('#result'));
    if (report.error) throw new Error(`${system}/${workload}: ${report.error}`);
    reports.push(report);
  }
  await context.close();
  return reports;
}

const median = (a) => { const s = [...a].sort((p, q) => p - q); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
for (const workload of o.workloads) {
  const got = { A: [], B: [] };
  for (let r = 0; r < o.rounds; r++) {
    for (const s of r % 2 ? ['B', 'A'] : ['A', 'B']) got[s].push(...await runPage(s, workload));
  }
  const keys = Object.keys(got.A[0]).filter((k) => k.endsWith('_ms'));
  keys.sort((p, q) => (p === 'inside_ms') - (q === 'inside_ms'));
  if (o.raw) for (const s of ['A', 'B']) console.log(`${s} inside by trigger: ${got[s].map((x) => x.inside_ms.toFixed(0)).join(' ')}`);
  console.log(`\n## ${workload}: ${o.rounds} pages x ${o.triggers} triggers per build; ms, min / median (B/A of each)`);
  console.log('| figure | A min | B min | B/A min | A median | B median | B/A median |\n|---|---|---|---|---|---|---|');
  for (const k of keys) {
    const a = got.A.map((x) => x[k]); const b = got.B.map((x) => x[k]);
    const [amin, bmin, amed, bmed] = [Math.min(...a), Math.min(...b), median(a), median(b)];
    console.log(`| ${k.replace(/_ms$/, '')} | ${amin.toFixed(1)} | ${bmin.toFixed(1)} | ${(bmin / amin).toFixed(2)} | ${amed.toFixed(1)} | ${bmed.toFixed(1)} | ${(bmed / amed).toFixed(2)} |`);
  }
}
await browser.close();
await srv.close();
