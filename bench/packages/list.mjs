// What the `packages` workloads install (their config's `packages`), and the dependency one
// of them brings; packages/setup.mjs puts their wheels in the bench's offline index. None is
// in Pyodide's own distribution, so PyScript+Pyodide installs them from that index too.
export const PACKAGES = ['humanize==4.17.0', 'tabulate==0.10.0', 'python-slugify==9.2.0', 'markdown==3.11.4'];
export const DEPENDENCIES = ['text-unidecode==1.3'];
