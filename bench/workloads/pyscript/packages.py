# Start-up plus four pure-Python packages from PyPI (and a dependency of one), installed before
# the script runs by the config's `packages` from the bench's offline index
# (`packages/setup.mjs`), each imported and used once, then display("ready") as `startup` does.
#
# A package that cannot be imported, or whose one use raises or gives a wrong value, is listed in
# the report (`missing`, `broken`, with the message in `errors`), as in `stdlib_import`.
import json
import sys

from pyscript import display, document, window


def _now():
    # same clock the JS driver uses (ms since navigation start)
    return window.performance.now()


imported = []
missing = []
broken = []
errors = {}
times = {}


def attempt(name, use, expected):
    """Imports `name` and runs its one use, timed; records what went wrong."""
    t = _now()
    try:
        module = __import__(name)
    except ImportError as e:
        missing.append(name)
        errors[name] = "%s: %s" % (type(e).__name__, e)
        return
    imported.append(name)
    try:
        got = use(module)
    except Exception as e:
        broken.append(name)
        errors[name] = "%s: %s" % (type(e).__name__, e)
        return
    finally:
        times[name + "_ms"] = _now() - t
    if got != expected:
        broken.append(name)
        errors[name] = "gave %r, expected %r" % (got, expected)


attempt("humanize", lambda humanize: humanize.intcomma(1234567), "1,234,567")
attempt("tabulate", lambda tabulate: tabulate.tabulate([[1, 2]], headers=["a", "b"], tablefmt="plain"), "  a    b\n  1    2")
attempt("slugify", lambda slugify: slugify.slugify("Héllo, Wörld!"), "hello-world")
attempt("markdown", lambda markdown: markdown.markdown("# Hi *there*"), "<h1>Hi <em>there</em></h1>")

report = {
    "imported": imported,
    "missing": missing,
    "broken": broken,
    "errors": errors,
    "inside_ms": sum(times.values()),
    "impl": "%s %s" % (sys.implementation.name, ".".join(str(x) for x in sys.implementation.version[:3])),
}
report.update(times)
document.getElementById("result").textContent = json.dumps(report)
display("ready")
