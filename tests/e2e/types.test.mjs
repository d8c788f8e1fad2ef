// The type stubs (runtime/stubs/, elements/stubs/), installed as the PEP 561 package that
// scripts/build-stubs.sh writes, type-check page code with mypy --strict and pyright (strict).
// No browser: node --test tests/e2e/types.test.mjs.
//
// - Every Python example of the spec (../shared/seed/builtin-apis.md: ```python blocks, and
//   the `<script type="py|mpy">`/`<py-script>`/`<mpy-script>` of its ```html blocks) and of
//   examples/*/index.html (scripts, and py-editor cells: the cells of one `env` are one
//   program) is checked with no error. Page code awaits at top level, which a type checker
//   rejects outside a function, so each example is wrapped, indented, in
//   `async def __example() -> None:`. The examples' own functions carry no annotations, as
//   page code rarely does: for them, and only them, the checks about the checked code's own
//   missing annotations are off (mypy: allow-untyped-defs, allow-incomplete-defs,
//   allow-untyped-calls; pyright: reportMissingParameterType and the reportUnknown* rules,
//   whose Unknown comes from those unannotated parameters), and pyright's
//   reportUnusedVariable/Function/Import (the wrapper makes page globals locals; an example
//   may show an import alone). An example whose page config installs `packages` from PyPI
//   imports them untyped (mypy: ignore_missing_imports for them, pyright: reportMissingImports off):
//   they are not installed for the check. Everything else of strict mode stays on. A fragment that continues another (it uses `store`, `my_button`, ... from
//   before) gets those names as parameters of its wrapper (FRAGMENTS below).
// - tests/types/typed_page.py (annotated page code using every API name, assert_type on the
//   results) is checked with no error and nothing relaxed.
// - tests/types/wrong_uses.py: each line marked `# wrong` is flagged by both tools, and no
//   other line is.
// - The stubs package is pip-installed (the wheel, offline) into a temporary venv that both
//   tools are pointed at, so the test fails if they do not find it there.
//
// mypy comes from PyPI into a venv cached under node_modules/.cache/; pyright is the npm
// devDependency.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

const MYPY_VERSION = "2.4.1";
const PYTHON_VERSION = "3.12";
const root = path.resolve(import.meta.dirname, "../..");
// The spec lives beside the repository (../shared/seed/), not in it: a clone elsewhere (CI's
// temporary folder) finds it at the workplace's own path, or checks examples/ alone and says so.
const spec = [path.resolve(root, "../shared/seed/builtin-apis.md"), "/work/shared/seed/builtin-apis.md"].find((file) => fs.existsSync(file)) ?? null;
const cache = path.join(root, "node_modules/.cache/pyscript-rs-types");
const pyright = path.join(root, "node_modules/pyright/index.js");

// Examples checked with names they take from the example before them (wrapper parameters,
// and an import line), by a line of theirs.
const FRAGMENTS = [
  { line: 'store["key"] = value', params: "store: Storage, value: Any", imports: "from pyscript import Storage" },
  { line: "my_button.onclick = handler", params: "my_button: Any" },
  { line: 'await fs.sync("/local")', imports: "from pyscript import fs" },
  { line: 'await fs.unmount("/local")', imports: "from pyscript import fs" },
  { line: "selected_option = my_select.options.selected", params: "my_select: select", imports: "from pyscript.web import select" },
  { line: "for child in my_element.children[10:]:", params: "my_element: Element", imports: "from pyscript.web import Element" },
  // The spec's main-thread half of `sync` uses display without importing it.
  { line: 'worker = PyWorker("./worker.py")', imports: "from pyscript import display" },
];
// Examples not checked, each with the reason.
const SKIPPED = [
  {
    line: 'my_select = select_(option("apple", value=1), option("pear"))',
    why: "the spec's `select_` is no name of pyscript.web (the class is `select`), and the fragment imports nothing",
  },
];

const MYPY_RELAXED = "# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls";
const PYRIGHT_RELAXED =
  "# pyright: reportMissingParameterType=false, reportUnknownParameterType=false, reportUnknownArgumentType=false, " +
  "reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownLambdaType=false, reportUnusedVariable=false, reportUnusedFunction=false, reportUnusedImport=false";

function dedent(text) {
  const lines = text.replace(/\t/g, "    ").split("\n");
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(cut)).join("\n").replace(/^\n+|\s+$/g, "");
}

const lineOf = (text, index) => text.slice(0, index).split("\n").length;

/** The Python of an HTML text: [{ code, line, what }], `line` counted from `firstLine`. */
function pythonOfHtml(html, firstLine, where) {
  const found = [];
  const envs = new Map();
  // The PyPI packages the page's config installs: `packages = ["name", ...]` (TOML).
  const packages = [...html.matchAll(/\bpackages\s*=\s*\[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/["']([\w.-]+)/g)].map((n) => n[1]));
  // Comments out (kept as blank lines), so that commented markup is not taken for code.
  const text = html.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  const tags = /<(script|py-script|mpy-script)(?=[\s>])([^>]*)>([\s\S]*?)(?:<\/\1>|$)/g;
  for (const match of text.matchAll(tags)) {
    const [, tag, attributes, body] = match;
    let kind = tag === "script" ? (attributes.match(/\btype\s*=\s*["']?([\w-]+)/) || [])[1] : tag;
    if (!["py", "mpy", "py-script", "mpy-script", "py-editor", "mpy-editor"].includes(kind)) continue;
    const line = firstLine + lineOf(text, match.index + match[0].indexOf(">") + 1) - 1;
    if (/\bsrc\s*=/.test(attributes)) {
      found.push({ skip: `its code is the file its src names`, line, what: `${where}:${line}` });
      continue;
    }
    const code = dedent(body);
    const env = kind.endsWith("-editor") ? (attributes.match(/\benv\s*=\s*["']?([^"'\s>]+)/) || [])[1] : undefined;
    if (env !== undefined && envs.has(env)) {
      const shared = envs.get(env);
      shared.code += "\n" + code;
      shared.what += `+${line}`;
      continue;
    }
    const example = { code, line, what: `${where}:${line}`, packages };
    if (env !== undefined) envs.set(env, example);
    found.push(example);
  }
  return found;
}

function collectExamples() {
  const examples = [];
  const markdown = spec ? fs.readFileSync(spec, "utf8") : "";
  for (const match of markdown.matchAll(/^([ \t]*)```(\w*)[^\n]*\n([\s\S]*?)^\1```/gm)) {
    const [, , language, body] = match;
    const bodyLine = lineOf(markdown, match.index) + 1;
    if (language === "python") {
      examples.push({ code: dedent(body), line: bodyLine, what: `builtin-apis.md:${bodyLine}` });
    } else if (language === "html") {
      examples.push(...pythonOfHtml(body, bodyLine, "builtin-apis.md"));
    }
  }
  for (const dir of fs.readdirSync(path.join(root, "examples")).sort()) {
    const file = path.join(root, "examples", dir, "index.html");
    if (fs.existsSync(file)) examples.push(...pythonOfHtml(fs.readFileSync(file, "utf8"), 1, `examples/${dir}/index.html`));
  }
  return examples;
}

/** The module checked for an example, and where its lines come from. */
function wrap(example) {
  const fragment = FRAGMENTS.find((f) => example.code.split("\n").some((line) => line.trim() === f.line));
  const head = [
    MYPY_RELAXED,
    "# pyright: strict",
    PYRIGHT_RELAXED + (example.packages?.length ? ", reportMissingImports=false" : ""), `# ${example.what}`, "from typing import Any"];
  if (fragment?.imports) head.push(fragment.imports);
  head.push(`async def __example(${fragment?.params ?? ""}) -> None:`);
  const body = example.code.split("\n").map((line) => (line.trim() ? "    " + line : ""));
  // `Any` is imported for the parameters; pyright would call it unused elsewhere.
  body.push("    print(Any)");
  return { text: [...head, ...body].join("\n") + "\n", offset: head.length, fragment };
}

let work;
let venv;
let diagnostics;
let examples;
const files = []; // { name, origin(line) -> "where" }

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
}

before(() => {
  // mypy, once per version, in a venv of its own.
  const mypyVenv = path.join(cache, `mypy-${MYPY_VERSION}`);
  if (!fs.existsSync(path.join(mypyVenv, "bin/mypy"))) {
    fs.rmSync(mypyVenv, { recursive: true, force: true });
    run("python3", ["-m", "venv", mypyVenv]);
    run(path.join(mypyVenv, "bin/pip"), ["install", "--quiet", "--disable-pip-version-check", `mypy==${MYPY_VERSION}`]);
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyscript-types-"));
  // The stubs package, built by its script and installed into a fresh venv.
  run(path.join(root, "scripts/build-stubs.sh"), [path.join(work, "package")]);
  const wheel = fs.readdirSync(path.join(work, "package")).find((name) => name.endsWith(".whl"));
  venv = path.join(work, "venv");
  run("python3", ["-m", "venv", venv]);
  run(path.join(venv, "bin/pip"), ["install", "--quiet", "--disable-pip-version-check", "--no-index", "--no-deps", path.join(work, "package", wheel)]);

  const checked = path.join(work, "checked");
  fs.mkdirSync(checked);
  examples = collectExamples();
  let n = 0;
  for (const example of examples) {
    if (example.skip) continue;
    const skipped = SKIPPED.find((s) => example.code.split("\n").some((line) => line.trim() === s.line));
    if (skipped) {
      example.skip = skipped.why;
      continue;
    }
    const { text, offset } = wrap(example);
    const name = `example_${String(++n).padStart(2, "0")}.py`;
    fs.writeFileSync(path.join(checked, name), text);
    files.push({ name, where: (line) => (line > offset ? `${example.what} (+${line - offset - 1})` : `${example.what} wrapper line ${line}`) });
  }
  for (const name of ["typed_page.py", "wrong_uses.py"]) {
    fs.writeFileSync(path.join(checked, name), "# pyright: strict\n" + fs.readFileSync(path.join(root, "tests/types", name), "utf8"));
    files.push({ name, where: (line) => `tests/types/${name}:${line - 1}` });
  }
  const untyped = [...new Set(examples.flatMap((e) => e.packages ?? []))].map((name) => name.replace(/-/g, "_"));
  fs.writeFileSync(path.join(checked, "mypy.ini"), ["[mypy]", ...untyped.map((name) => `[mypy-${name}]\nignore_missing_imports = True`)].join("\n") + "\n");
  fs.writeFileSync(
    path.join(checked, "pyrightconfig.json"),
    JSON.stringify({ pythonVersion: PYTHON_VERSION, typeCheckingMode: "strict", reportMissingModuleSource: "none" }),
  );
  const started = Date.now();
  const mypy = spawnSync(
    path.join(mypyVenv, "bin/mypy"),
    ["--config-file", "mypy.ini", "--strict", "--python-version", PYTHON_VERSION, "--python-executable", path.join(venv, "bin/python"), "--cache-dir", path.join(work, "mypy-cache"),
      "--no-error-summary", "--show-error-codes", "--hide-error-context", ...files.map((f) => f.name)],
    { cwd: checked, encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const mypySeconds = (Date.now() - started) / 1000;
  const pyrightRun = spawnSync(process.execPath, [pyright, "--outputjson", "--pythonpath", path.join(venv, "bin/python"), "-p", "pyrightconfig.json"], {
    cwd: checked, encoding: "utf8", maxBuffer: 64 << 20,
  });
  const pyrightSeconds = (Date.now() - started) / 1000 - mypySeconds;
  console.log(`types: ${files.length} files (${files.length - 2} examples), mypy ${MYPY_VERSION} ${mypySeconds.toFixed(1)} s, pyright ${pyrightSeconds.toFixed(1)} s`);

  // Diagnostics: { tool, file, line, message }.
  diagnostics = [];
  if (mypy.status !== 0 && mypy.status !== 1) throw new Error(`mypy failed: ${mypy.stderr}${mypy.stdout}`);
  for (const line of mypy.stdout.split("\n")) {
    const m = line.match(/^([\w.]+\.py):(\d+): (error|warning): (.*)$/);
    if (m) diagnostics.push({ tool: "mypy", file: m[1], line: Number(m[2]), message: m[4] });
    else if (line.trim() && !/: note: /.test(line)) throw new Error(`mypy said: ${line}\n${mypy.stderr}`);
  }
  const report = JSON.parse(pyrightRun.stdout);
  for (const d of report.generalDiagnostics) {
    if (d.severity === "information") continue;
    diagnostics.push({ tool: "pyright", file: path.basename(d.file), line: d.range.start.line + 1, message: `${d.message.split("\n").join(" ")} (${d.rule ?? d.severity})` });
  }
  assert.equal(report.summary.filesAnalyzed, files.length, "pyright checked every file");
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const describe = (d) => `${d.tool}: ${files.find((f) => f.name === d.file)?.where(d.line) ?? `${d.file}:${d.line}`}: ${d.message}`;

test("the examples: every Python example of the spec and of examples/ type-checks", () => {
  const errors = diagnostics.filter((d) => d.file.startsWith("example_")).map(describe);
  assert.deepEqual(errors, []);
  const checked = examples.filter((e) => !e.skip);
  const skipped = examples.filter((e) => e.skip).map((e) => `${e.what}: ${e.skip}`);
  console.log(`types: ${checked.length} examples checked; skipped: ${skipped.length ? "\n  " + skipped.join("\n  ") : "none"}`);
  assert.ok(checked.some((e) => e.what.startsWith("examples/editor/") && e.what.includes("+")), "an editor env's cells are one program");
  if (!spec) {
    console.log("types: the spec (../shared/seed/builtin-apis.md) is not beside this clone: its examples were not checked");
    return;
  }
  // The spec's examples are there (a change in the extraction that lost them would pass).
  assert.ok(checked.filter((e) => e.what.startsWith("builtin-apis.md")).length >= 30, "the spec's examples are found");
  assert.deepEqual(skipped.filter((s) => !s.includes("src names")).length, SKIPPED.length, "each SKIPPED entry matches an example");
  for (const fragment of FRAGMENTS) {
    assert.ok(checked.some((e) => e.code.split("\n").some((line) => line.trim() === fragment.line)), `FRAGMENTS: ${fragment.line} is an example`);
  }
});

test("typed page code: every API name, with annotations, type-checks in strict mode", () => {
  assert.deepEqual(diagnostics.filter((d) => d.file === "typed_page.py").map(describe), []);
});

test("wrong uses: each marked line is flagged by mypy and by pyright, no other line", () => {
  const source = fs.readFileSync(path.join(root, "tests/types/wrong_uses.py"), "utf8").split("\n");
  const marked = source.map((line, i) => (/# wrong:/.test(line) ? i + 2 : 0)).filter(Boolean); // +1: the pyright line
  assert.ok(marked.length >= 30);
  for (const tool of ["mypy", "pyright"]) {
    const flagged = new Set(diagnostics.filter((d) => d.tool === tool && d.file === "wrong_uses.py").map((d) => d.line));
    const missed = marked.filter((line) => !flagged.has(line)).map((line) => `${line - 1}: ${source[line - 2].trim()}`);
    assert.deepEqual(missed, [], `${tool} flags every wrong line`);
    const extra = diagnostics.filter((d) => d.tool === tool && d.file === "wrong_uses.py" && !marked.includes(d.line)).map(describe);
    assert.deepEqual(extra, [], `${tool} flags nothing else`);
  }
});
