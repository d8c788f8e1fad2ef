#!/usr/bin/env node
// Where a workload's time goes in pyscript-rs: runs it in headless Chromium with V8's sampling
// profiler on while the trigger's handler (or a clicks workload's clicks) runs, and prints self time by category and the
// functions that cost most. Needs the wasm with its function names: scripts/build-profiling.sh.
//
//   node profile.mjs [--workloads dom_create,dom_query,compute,events] [--runs 3] [--param n=10000]
//                    [--dist ../target/profiling-dist] [--top 25] [--interval 50]
//                    [--json out.json] [--callers 'function label']
//
// Each run is a fresh browser context, as in run.mjs; the runs' samples are added together.
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { loadSystems, buildPage, WORKLOADS } from './lib/pages.mjs';
import { selfTimes, categoryOf, categoryTotals, CATEGORIES } from './lib/profile-categories.mjs';

const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
const LAUNCH = {
  executablePath: CHROMIUM, headless: true, chromiumSandbox: false,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
};

function parseArgs(argv) {
  const o = { workloads: ['dom_create', 'dom_query', 'compute'], runs: 3, params: {}, top: 25, interval: 50,
    dist: path.resolve(import.meta.dirname, '../target/profiling-dist') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case '--workloads': o.workloads = next().split(','); break;
      case '--runs': o.runs = Number(next()); break;
      case '--param': { const [k, v] = next().split('='); o.params[k] = v; break; }
      case '--dist': o.dist = path.resolve(next()); break;
      case '--top': o.top = Number(next()); break;
      case '--interval': o.interval = Number(next()); break;
      case '--json': o.json = next(); break;
      case '--callers': o.callers = next(); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

async function profileOnce(browser, origin, workload, params, interval) {
  const wl = WORKLOADS[workload];
  if (wl.mode !== 'trigger' && wl.mode !== 'clicks') {
    throw new Error(`${workload}: only trigger and clicks workloads can be profiled (this one is ${wl.mode})`);
  }
  const clicks = wl.mode === 'clicks' ? Number(params.clicks ?? wl.params.clicks) : 0;
  const context = await browser.newContext();
  const page = await context.newPage();
  let failure = null;
  page.on('pageerror', (e) => { failure = String(e); });
  const qs = new URLSearchParams(params).toString();
  await page.goto(`${origin}/_page/rs/${workload}.html${qs ? '?' + qs : ''}`);
  await page.waitForFunction(() => document.getElementById('bench-status')?.textContent === 'armed'
    || document.querySelector('.py-error'), null, { timeout: 120000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval });
  await cdp.send('Profiler.start');
  // The workloads run synchronously in the trigger's handler: two marker functions that spin
  // for a moment before and after it bound the samples that are the work's (selfTimes).
  // A clicks workload's handler runs once per click, inside the loop of clicks.
  await page.evaluate((count) => {
    const spin = () => { const t = performance.now(); while (performance.now() - t < 10); };
    // The names are WINDOW_MARKS.
    function profile_window_begin() { spin(); }
    function profile_window_end() { spin(); }
    profile_window_begin();
    if (count > 0) {
      const button = document.getElementById('btn');
      for (let i = 0; i < count; i++) button.click();
    } else {
      document.getElementById('bench-trigger').dispatchEvent(new CustomEvent('bench-run'));
    }
    profile_window_end();
  }, clicks);
  await page.waitForFunction(() => document.getElementById('result').textContent !== ''
    || document.querySelector('.py-error'), null, { timeout: 120000 });
  const { profile } = await cdp.send('Profiler.stop');
  const error = await page.evaluate(() => document.querySelector('.py-error')?.textContent);
  const report = JSON.parse((await page.textContent('#result')) || '{}');
  await context.close();
  if (failure || error) throw new Error(`${workload}: ${failure || error}`);
  return { profile, report };
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opt.dist)) throw new Error(`${opt.dist} is missing: run scripts/build-profiling.sh`);
  const systems = await loadSystems();
  systems.rs = { ...systems.rs, static: { '/ext/rs/': opt.dist } };
  const srv = await startServer({ roots: systems.rs.static,
    pageBuilder: (s, w, q) => buildPage(systems, s, w, Object.fromEntries(q)) });
  const browser = await chromium.launch(LAUNCH);
  const out = {};
  try {
    for (const workload of opt.workloads) {
      const times = new Map();
      const callers = new Map();
      const insides = [];
      for (let run = 0; run < opt.runs; run++) {
        const { profile, report } = await profileOnce(browser, srv.origin, workload, opt.params, opt.interval);
        insides.push(report.inside_ms);
        for (const [name, ms] of selfTimes(profile, opt.callers, callers)) times.set(name, (times.get(name) || 0) + ms);
      }
      // Shares are of the time the page was busy.
      const total = [...times].filter(([name]) => name !== '(idle)').reduce((a, [, ms]) => a + ms, 0);
      const categories = categoryTotals(times);
      console.log(`\n## ${workload}: ${opt.runs} runs, inside ${insides.map((x) => x.toFixed(0)).join(', ')} ms (profiled: slower than unprofiled), ${(total / opt.runs).toFixed(0)} ms sampled per run`);
      console.log('\n| category | share | ms per run |\n|---|---|---|');
      for (const c of CATEGORIES.map((c) => c.name).concat('other')) {
        const ms = categories.get(c) || 0;
        if (ms > 0) console.log(`| ${c} | ${(100 * ms / total).toFixed(1)}% | ${(ms / opt.runs).toFixed(1)} |`);
      }
      console.log(`\n| function (top ${opt.top} by self time) | category | share |\n|---|---|---|`);
      const sorted = [...times].sort((a, b) => b[1] - a[1]).slice(0, opt.top);
      for (const [name, ms] of sorted) {
        const cat = categoryOf(name);
        console.log(`| \`${name.length > 110 ? name.slice(0, 107) + '...' : name}\` | ${cat} | ${(100 * ms / total).toFixed(1)}% |`);
      }
      if (opt.callers) {
        console.log(`\n| caller of \`${opt.callers}\` | ms per run |\n|---|---|`);
        for (const [name, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| \`${name.slice(0, 110)}\` | ${(ms / opt.runs).toFixed(1)} |`);
      }
      out[workload] = { runs: opt.runs, inside_ms: insides, total_ms: total,
        categories: Object.fromEntries(categories), functions: Object.fromEntries(sorted) };
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  if (opt.json) fs.writeFileSync(opt.json, JSON.stringify(out, null, 1));
}

main().catch((e) => { console.error(e); process.exit(1); });
