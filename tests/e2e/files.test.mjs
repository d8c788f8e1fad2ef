// The in-memory file system: os, open(), pathlib and the standard library modules that need
// an operating system underneath (dataclasses, random, logging, tempfile, shutil).

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

test("open() reads and writes text (UTF-8) and bytes, appends and seeks", async () => {
  assert.deepEqual(await printed(`
import os
print(os.getcwd(), os.listdir("."), os.environ["HOME"])
with open("notes.txt", "w") as f:
    f.write("héllo\\nworld\\n")
with open("notes.txt") as f:
    print(repr(f.read()))
with open("notes.txt", "a") as f:
    print("third", file=f)
with open("notes.txt", "rb") as f:
    f.seek(-6, 2)
    print(f.read(), f.tell())
with open("notes.txt", "r+b") as f:
    f.write(b"H")
print(open("notes.txt").readline().strip(), os.path.getsize("notes.txt"))`), [
    "/home/pyscript [] /home/pyscript",
    "'héllo\\nworld\\n'",
    "b'third\\n' 19",
    "Héllo 19",
  ]);
});

test("os and pathlib: directories, listing, renaming, removing, stat, walking", async () => {
  assert.deepEqual(await printed(`
import os, pathlib, stat
base = pathlib.Path("project")
(base / "src" / "pkg").mkdir(parents=True)
(base / "src" / "pkg" / "mod.py").write_text("x = 1\\n")
(base / "README.md").write_text("# readme")
print(sorted(str(p) for p in base.rglob("*")))
print([(root, sorted(dirs), sorted(files)) for root, dirs, files in os.walk("project")])
os.rename("project/README.md", "project/README.txt")
print(sorted(os.listdir("project")), stat.S_ISDIR(os.stat("project").st_mode), os.path.isfile("project/README.txt"))
os.chdir("project")
print(os.getcwd(), pathlib.Path("README.txt").resolve(), pathlib.Path.cwd().name)
os.remove("README.txt")
os.chdir("..")
try:
    os.rmdir("project/src")
except OSError as error:
    print(type(error).__name__, error.errno)
import shutil
shutil.copytree("project", "backup")
os.utime("backup/src/pkg/mod.py", (0, 86400))
print(sorted(os.listdir("backup/src/pkg")), os.stat("backup/src/pkg/mod.py").st_mtime)
shutil.rmtree("project")
print(os.path.exists("project"))
try:
    os._exit(3)
except SystemExit as exit:
    print("SystemExit", exit.code)`), [
    "['project/README.md', 'project/src', 'project/src/pkg', 'project/src/pkg/mod.py']",
    "[('project', ['src'], ['README.md']), ('project/src', ['pkg'], []), ('project/src/pkg', [], ['mod.py'])]",
    "['README.txt', 'src'] True True",
    "/home/pyscript/project /home/pyscript/project/README.txt project",
    "OSError 39",
    "['mod.py'] 86400.0",
    "False",
    "SystemExit 3",
  ]);
});

test("missing files raise the OSError a program expects", async () => {
  assert.deepEqual(await printed(`
import os
for attempt in (lambda: open("missing.txt"), lambda: os.listdir("nowhere"), lambda: os.mkdir("."), lambda: open(".", "w")):
    try:
        attempt()
    except OSError as error:
        print(type(error).__name__, error)`), [
    "FileNotFoundError [Errno 2] No such file or directory: 'missing.txt'",
    "FileNotFoundError [Errno 2] No such file or directory: 'nowhere'",
    "FileExistsError [Errno 17] File exists: '.'",
    "IsADirectoryError [Errno 21] Is a directory: '.'",
  ]);
});

test("modules that need os: dataclasses, random, logging, tempfile, shutil, json files", async () => {
  const page = await openPage(pyPage(`<script type="py">
import dataclasses, random, logging, tempfile, shutil, json, os
@dataclasses.dataclass
class Point:
    x: int
    y: int = 0
random.seed(7)
print(Point(1), 1 <= random.randint(1, 6) <= 6, len(os.urandom(16)))
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
logging.getLogger("demo").info("logged")
with tempfile.TemporaryDirectory() as directory:
    with open(os.path.join(directory, "data.json"), "w") as f:
        json.dump({"a": [1, 2]}, f)
    shutil.copy(os.path.join(directory, "data.json"), "copy.json")
print(json.load(open("copy.json")), os.path.exists(directory))
</script>`));
  // logging writes to sys.stderr, which the page shows in an error box, as PyScript does.
  assert.deepEqual(await page.errors(), ["INFO logged"]);
  assert.deepEqual(page.logs(), ["Point(x=1, y=0) True 16", "{'a': [1, 2]} False"]);
  assert.ok(page.console.some((message) => message.type === "error" && message.text === "INFO logged"));
  await page.close();
});

test("the file system is shared by the page's scripts and both interpreters", async () => {
  const page = await openPage(pyPage(`
<script type="py">open("shared.txt", "w").write("from py")</script>
<script type="mpy">print(open("shared.txt").read())</script>`));
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), ["from py"]);
  await page.close();
});

test("modules and packages a script writes to the working directory import at once, and quote their lines in tracebacks", async () => {
  const page = await openPage(pyPage(`<script type="py">
import os, sys
print(sys.path[0] == os.getcwd())
import json  # fills the import system's caches before the files exist
with open("greeting.py", "w") as f:
    f.write("WHO = 'world'\\ndef fail():\\n    raise ValueError('from greeting')\\n")
import greeting
with open("second.py", "w") as f:
    f.write("from greeting import WHO\\n")
import second
os.makedirs("tools")
with open("tools/__init__.py", "w") as f:
    f.write("from .text import shout\\n")
with open("tools/text.py", "w") as f:
    f.write("def shout(text):\\n    return text.upper()\\n")
from tools import shout
print(greeting.__file__, second.WHO, shout("hi"))
</script>
<script type="py">greeting.fail()</script>`));
  assert.deepEqual(page.logs(), ["True", "/home/pyscript/greeting.py world HI"]);
  const [error] = await page.errors();
  assert.match(error, /File "\/home\/pyscript\/greeting\.py", line 3, in fail\n    raise ValueError\('from greeting'\)\nValueError: from greeting$/);
  await page.close();
});

test("chown: the page's one owner is accepted, another is a PermissionError, a missing path FileNotFoundError", async () => {
  const logs = await printed(`
import os
open("owned.txt", "w").close()
os.chown("owned.txt", 0, -1)
try:
    os.chown("owned.txt", 1000, 1000)
except PermissionError as error:
    print("PermissionError:", "one owner" in str(error))
try:
    os.lchown("nowhere.txt", 0, 0)
except FileNotFoundError:
    print("FileNotFoundError")
`);
  assert.deepEqual(logs, ["PermissionError: True", "FileNotFoundError"]);
});
