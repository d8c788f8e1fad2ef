// pyscript-rs's goal per workload and the ratio last recorded, both kept in the top-level
// README's "Goals" table, so that the figures people read are the ones checked:
//   | workload | against | metric | goal | recorded |
// `against` is `fastest` (the fastest of the peers in the run: mpy, py, brython) or system
// names ("mpy, py": the faster of them);
// `metric` is `outside` or `inside` (the summary's outside_ms / inside_ms); `goal` and
// `recorded` are ratios of pyscript-rs's time to that system's ("0.5x").

import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from '../server.mjs';

export const SYSTEM = 'rs';
// The systems pyscript-rs is measured against (a run may add variants of itself).
const PEERS = ['mpy', 'py', 'brython'];
const README = path.join(BENCH_DIR, '..', 'README.md');

/** The Goals table of the README: { workload: { against, metric, goal, recorded } }. */
export function readGoals(readme = fs.readFileSync(README, 'utf8')) {
  const section = readme.split(/^### Goals$/m)[1];
  if (!section) throw new Error(`${README} has no "### Goals" section`);
  const goals = {};
  let inTable = false;
  for (const line of section.split('\n').slice(1)) {
    // The first table of the section is the goals'; the figures' tables below it are not.
    if (line.startsWith('#') || (inTable && !line.startsWith('|'))) break;
    inTable = line.startsWith('|');
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, ''));
    if (cells.length !== 5 || !/^\d/.test(cells[3])) continue;
    const [workload, against, metric, goal, recorded] = cells;
    goals[workload] = { against, metric, goal: parseFloat(goal), recorded: parseFloat(recorded) };
  }
  return goals;
}

/**
 * pyscript-rs against its goal for each workload of `summary` (a results file's) that has
 * one: { workload, ms, other, other_ms, ratio, goal, recorded, met }; `other` is null when
 * the run has no system to compare with.
 */
export function verdicts(summary, goals = readGoals()) {
  const results = [];
  for (const [workload, goal] of Object.entries(goals)) {
    const key = `${goal.metric}_ms`;
    const ours = summary[`${SYSTEM}/${workload}`]?.[key];
    if (!ours) continue;
    const named = goal.against === 'fastest' ? PEERS : goal.against.split(',').map((name) => name.trim());
    const others = Object.values(summary).filter((m) => m.workload === workload && m[key] && named.includes(m.system));
    const best = others.sort((a, b) => a[key] - b[key])[0];
    const ratio = best ? ours / best[key] : null;
    results.push({
      workload,
      ms: ours,
      other: best?.system ?? null,
      other_ms: best?.[key] ?? null,
      ratio,
      goal: goal.goal,
      recorded: goal.recorded,
      met: ratio !== null && ratio <= goal.goal,
    });
  }
  return results;
}

/** One line per verdict, as `run.mjs` prints them. */
export function verdictLine(v) {
  if (v.other === null) return `  ${v.workload}: ${Math.round(v.ms)} ms, nothing to compare with in this run`;
  const status = v.met ? 'MET' : 'MISSED';
  return `  ${v.workload}: ${v.ratio.toFixed(2)}x ${v.other} (${Math.round(v.ms)} / ${Math.round(v.other_ms)} ms), goal ${v.goal.toFixed(1)}x: ${status} (recorded ${v.recorded.toFixed(2)}x)`;
}
