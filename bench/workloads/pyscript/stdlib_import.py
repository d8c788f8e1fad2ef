# Start-up plus six common standard-library modules, each imported and used once (so the
# import is real, not a stub that only has the name), then display("ready") as `startup` does.
#
# A module that cannot be imported, or whose one use raises or gives a wrong value, does not
# stop the script: it is listed in the report (`missing`, `broken`, with the message in
# `errors`), so every system runs this same file, is timed the same way and shows its gaps.
# The imports are plain top-level statements: pyscript-rs scans a script for them to fetch
# the standard-library files it needs before it runs, as it would for any page.
#
# The Brython version (../brython/stdlib_import.py) differs only in its first import and in
# how it writes the report and "ready".
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


def check(name, use, expected):
    """Run the module's one use; record it as broken if it raises or gives another value."""
    try:
        got = use()
    except Exception as e:
        broken.append(name)
        errors[name] = "%s: %s" % (type(e).__name__, e)
        return
    if got != expected:
        broken.append(name)
        errors[name] = "gave %r, expected %r" % (got, expected)


def not_found(name, e):
    missing.append(name)
    errors[name] = "%s: %s" % (type(e).__name__, e)


def use_json():
    return json.loads(json.dumps({"a": [1, 2.5, None, "x"]}))["a"]


def use_re():
    return re.match(r"(\w+)-(\d+)", "item-42").group(2)


def use_datetime():
    return (datetime.date(2024, 2, 28) + datetime.timedelta(days=1)).isoformat()


def use_dataclasses():
    @dataclasses.dataclass
    class Point:
        x: int
        y: int = 0

    return dataclasses.asdict(Point(1))


def use_typing():
    def first(xs: typing.List[int]) -> typing.Optional[int]:
        return xs[0] if xs else None

    return first(typing.cast(typing.List[int], [7]))


def use_asyncio():
    event = asyncio.Event()
    event.set()
    return event.is_set()


t = _now()
try:
    import json
    imported.append("json")
    check("json", use_json, [1, 2.5, None, "x"])
except ImportError as e:
    not_found("json", e)
times["json_ms"] = _now() - t

t = _now()
try:
    import re
    imported.append("re")
    check("re", use_re, "42")
except ImportError as e:
    not_found("re", e)
times["re_ms"] = _now() - t

t = _now()
try:
    import datetime
    imported.append("datetime")
    check("datetime", use_datetime, "2024-02-29")
except ImportError as e:
    not_found("datetime", e)
times["datetime_ms"] = _now() - t

t = _now()
try:
    import dataclasses
    imported.append("dataclasses")
    check("dataclasses", use_dataclasses, {"x": 1, "y": 0})
except ImportError as e:
    not_found("dataclasses", e)
times["dataclasses_ms"] = _now() - t

t = _now()
try:
    import typing
    imported.append("typing")
    check("typing", use_typing, 7)
except ImportError as e:
    not_found("typing", e)
times["typing_ms"] = _now() - t

t = _now()
try:
    import asyncio
    imported.append("asyncio")
    check("asyncio", use_asyncio, True)
except ImportError as e:
    not_found("asyncio", e)
times["asyncio_ms"] = _now() - t

report = {
    "imported": imported,
    "missing": missing,
    "broken": broken,
    "errors": errors,
    "inside_ms": sum(times.values()),
    "impl": "%s %s" % (sys.implementation.name, ".".join(str(x) for x in sys.implementation.version[:3])),
}
report.update(times)
if "json" in missing:
    # the report is JSON: without json the run fails, with the reason
    raise ImportError("stdlib_import writes its report with json: " + errors["json"])
document.getElementById("result").textContent = json.dumps(report)
display("ready")
