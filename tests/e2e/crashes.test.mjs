// Python input never kills the interpreter: each case that once trapped the wasm instance
// (a native stack overflow, a Rust panic, a JS exception escaping the wasm, an allocation
// abort) now raises a catchable Python exception, and the same interpreter runs the next
// script: it still sees the globals the first one set.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, pyPage, survives, useBrowser } from "./harness.mjs";

useBrowser();

describe("deep recursion raises RecursionError", () => {
  test("repr, ==, compile and Python recursion, one after the other in one script", async () => {
    const logs = await survives(`
def outcome(action):
    try:
        action()
        return "no error"
    except (RecursionError, MemoryError, SyntaxError) as error:
        return type(error).__name__

nested_list = []
for _ in range(100000):
    nested_list = [nested_list]
print("repr:", outcome(lambda: repr(nested_list)))

a, b = {}, {}
for _ in range(100000):
    a, b = {1: a}, {1: b}
print("==:", outcome(lambda: a == b))

print("compile:", outcome(lambda: compile("x=" + "-" * 100000 + "1", "s", "exec")))

def f(n):
    return f(n + 1)
print("recursion:", outcome(lambda: f(0)))`);
    assert.deepEqual(logs, ["repr: RecursionError", "==: RecursionError", "compile: RecursionError", "recursion: RecursionError"]);
  });

  test("native recursion started deep in Python recursion, and the limit raised", async () => {
    const logs = await survives(`
import sys
nested = []
for _ in range(100000):
    nested = [nested]
def down(n):
    return down(n - 1) if n else repr(nested)
for depth in (10, 500, 990):
    try:
        down(depth)
    except RecursionError:
        print(depth, "RecursionError")
sys.setrecursionlimit(100000)
def f(n):
    return f(n + 1)
try:
    f(0)
except RecursionError:
    print("raised limit: RecursionError")
sys.setrecursionlimit(1000)`);
    assert.deepEqual(logs, ["10 RecursionError", "500 RecursionError", "990 RecursionError", "raised limit: RecursionError"]);
  });

  test("compile(), exec() and eval() refuse source nested too deep, as CPython does, and accept long flat code", async () => {
    const logs = await survives(`
def outcome(action):
    try:
        action()
        return "ok"
    except (RecursionError, SyntaxError) as error:
        return f"{type(error).__name__}: {error.msg if isinstance(error, SyntaxError) else error}"

print(outcome(lambda: exec("x = " + "(" * 300 + "1" + ")" * 300)))
print(outcome(lambda: eval("1" + "+1" * 5000)))
print(outcome(lambda: exec("y = " + "not " * 3000 + "1")))
print(outcome(lambda: compile("-" * 999 + "1", "s", "eval")))
print(outcome(lambda: exec("data = [" + "-1, " * 100000 + "]", globals())), len(data))
print(outcome(lambda: eval("(" * 150 + "2" + ")" * 150)))
exec("in_module = eval('  len(data)')")
print("exec and eval see the caller's namespace:", in_module)`);
    assert.deepEqual(logs, [
      "SyntaxError: too many nested parentheses",
      "RecursionError: maximum recursion depth exceeded during compilation",
      "RecursionError: maximum recursion depth exceeded during compilation",
      "ok",
      "ok 100000",
      "ok",
      "exec and eval see the caller's namespace: 100000",
    ]);
  });

  test("a page script nested too deep shows the error, and the next script runs", async () => {
    const page = await openPage(
      pyPage(`<script type="py">same_interpreter = "yes"</script>
<script type="py">x = ${"-".repeat(100000)}1</script>
<script type="py">print("alive, same interpreter:", same_interpreter)</script>`),
    );
    const errors = await page.errors();
    assert.equal(errors.length, 1);
    assert.match(errors[0], /RecursionError: maximum recursion depth exceeded during compilation$/);
    assert.deepEqual(page.logs(), ["alive, same interpreter: yes"]);
    await page.close();
  });
});

describe("the in-memory file system", () => {
  test("reads through descriptors whose file was replaced or whose directory was removed", async () => {
    const logs = await survives(`
import os
for name, text in (("a.txt", "old"), ("b.txt", "new")):
    with open(name, "w") as f:
        f.write(text)
replaced = os.open("a.txt", os.O_RDONLY)
os.replace("b.txt", "a.txt")
print("replaced:", os.read(replaced, 10))
os.mkdir("d")
with open("d/f", "w") as f:
    f.write("in d")
removed = os.open("d/f", os.O_RDONLY)
directory = os.open("d", os.O_RDONLY)
os.unlink("d/f")
os.rmdir("d")
print("removed:", os.read(removed, 10), os.fstat(directory).st_size)
for fd in (replaced, removed, directory):
    os.close(fd)
with open("a.txt") as f:
    print("now:", f.read())
try:
    os.read(replaced, 1)
except OSError as error:
    print("closed:", error)`);
    assert.deepEqual(logs, ["replaced: b'old'", "removed: b'in d' 0", "now: new", "closed: [Errno 9] Bad file descriptor"]);
  });

  test("a write 3 GiB into a file, huge truncation and seek offsets beyond any integer raise", async () => {
    const logs = await survives(`
import os
fd = os.open("big", os.O_RDWR | os.O_CREAT)
print("seek:", os.lseek(fd, 3 << 30, os.SEEK_SET))
try:
    os.write(fd, b"x")
except OSError as error:
    print("write:", error)
try:
    os.ftruncate(fd, 3 << 30)
except OSError as error:
    print("truncate:", error)
for offset in (2**63, 2**64, -2**70):
    try:
        os.lseek(fd, offset, os.SEEK_SET)
    except OverflowError:
        print("OverflowError")
try:
    os.lseek(fd, 2**63 - 1, os.SEEK_SET)
    os.lseek(fd, 1, os.SEEK_CUR)
except OSError as error:
    print("past the end:", error)
os.close(fd)
try:
    with open("big.bin", "wb") as f:
        f.seek(3 << 30)
        f.write(b"x")
except OSError as error:
    print("buffered:", error.errno)
print(os.path.getsize("big"))`);
    assert.deepEqual(logs, [
      "seek: 3221225472",
      "write: [Errno 27] File too large",
      "truncate: [Errno 27] File too large",
      "OverflowError",
      "OverflowError",
      "OverflowError",
      "past the end: [Errno 22] Invalid argument",
      "buffered: 27",
      "0",
    ]);
  });

  test("an __fspath__ that returns itself is a TypeError everywhere a path is taken", async () => {
    const logs = await survives(`
import os, pathlib
class Loop:
    def __fspath__(self):
        return self
for function in (os.fspath, open, os.stat, os.listdir, os.mkdir, pathlib.Path):
    try:
        function(Loop())
    except TypeError as error:
        print(function.__name__, "TypeError")`);
    assert.deepEqual(logs, ["fspath TypeError", "open TypeError", "stat TypeError", "listdir TypeError", "mkdir TypeError", "Path TypeError"]);
  });
});

describe("JavaScript values and exceptions", () => {
  test("dir() of JS null and undefined, and whatever JS throws, become Python values and exceptions", async () => {
    const logs = await survives(`
import js
from pyscript.ffi import JsException, jsnull
print("dir(null):", dir(jsnull))
undefined = js.eval("[undefined]")[0]
thrown = [
    "throw undefined",
    "throw null",
    "throw {a: 1}",
    "throw Object.create(null)",
    "throw 'boom'",
    "const o = {}; o.o = o; throw o",
    "throw new (class extends Error { get message() { throw 1 } })()",
    "throw new Proxy({}, { get() { throw 2 }, getPrototypeOf() { throw 3 } })",
]
for code in thrown:
    try:
        js.eval(code)
    except JsException as error:
        print("thrown:", error)`);
    assert.deepEqual(logs, [
      "dir(null): []",
      "thrown: undefined",
      "thrown: null",
      'thrown: {"a":1}',
      "thrown: {}",
      "thrown: boom",
      "thrown: [object Object]",
      "thrown: [object Error]",
      logs[8],
    ]);
    assert.match(logs[8], /^thrown: /);
  });

  test("a JS iterator that re-enters its own Python iteration raises instead of panicking", async () => {
    const logs = await survives(`
import js
from pyscript.ffi import JsException
make = js.eval("(callback) => (function* () { yield callback(); yield 2 })()")
holder = []
def reenter():
    return next(holder[0])
holder.append(iter(make(reenter)))
try:
    next(holder[0])
except JsException as error:
    print("ValueError: JavaScript iterator already executing" in str(error))
print(list(iter(make(lambda: 1))))`);
    assert.deepEqual(logs, ["True", "[1, 2]"]);
  });

  test("Proxies whose traps throw, revoked Proxies and absurd array-likes raise JsException", async () => {
    const logs = await survives(`
import js
from pyscript.ffi import JsException
trapping = js.eval("new Proxy({}, { ownKeys() { throw new Error('trap') }, getPrototypeOf() { throw new Error('proto') } })")
revoked = js.eval("(() => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy })()")
huge = js.eval("({length: 1e12})")
getter = js.eval("(() => { const a = [1]; Object.defineProperty(a, 0, { get() { throw new Error('getter') } }); return a })()")
cases = {
    "dir trapping": lambda: dir(trapping),
    "to_py trapping": lambda: trapping.to_py(),
    "dir revoked": lambda: dir(revoked),
    "to_py revoked": lambda: revoked.to_py(),
    "list revoked": lambda: list(revoked),
    "index revoked": lambda: revoked[0],
    "iterate huge": lambda: list(huge),
    "to_py getter": lambda: getter.to_py(),
}
for name, case in cases.items():
    try:
        case()
        print(name, "no error")
    except JsException:
        print(name, "JsException")
print("repr revoked:", repr(revoked).startswith("<JsProxy "), "bool:", bool(revoked))`);
    assert.deepEqual(logs, [
      "dir trapping JsException",
      "to_py trapping JsException",
      "dir revoked JsException",
      "to_py revoked JsException",
      "list revoked JsException",
      "index revoked JsException",
      "iterate huge JsException",
      "to_py getter JsException",
      "repr revoked: True bool: True",
    ]);
  });
});
