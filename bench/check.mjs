// Fails when a ratio of pyscript-rs got more than 10% worse than the one recorded in the
// top-level README's "Goals" table. Run on demand after a benchmark, not in CI:
//   node check.mjs [results/<file>.json]      (default: the newest results file)

import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from './server.mjs';
import { verdictLine, verdicts } from './lib/goals.mjs';

const TOLERANCE = 1.1;

const resultsDir = path.join(BENCH_DIR, 'results');
const file = process.argv[2] ?? path.join(resultsDir, fs.readdirSync(resultsDir).filter((name) => name.endsWith('.json')).sort().at(-1));
const { summary } = JSON.parse(fs.readFileSync(file, 'utf8'));
const checked = verdicts(summary).filter((v) => v.other !== null);
if (checked.length === 0) {
  console.error(`${path.relative(process.cwd(), file)}: no workload with a goal and a system to compare with`);
  process.exit(2);
}
let worse = 0;
console.log(`${path.relative(process.cwd(), file)}: pyscript-rs against the README's recorded ratios (more than ${Math.round((TOLERANCE - 1) * 100)}% worse fails)`);
for (const v of checked) {
  const regressed = v.ratio > v.recorded * TOLERANCE;
  if (regressed) worse++;
  console.log(`${regressed ? 'WORSE' : 'ok   '}${verdictLine(v)}`);
}
process.exit(worse ? 1 : 0);
