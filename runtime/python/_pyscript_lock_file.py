"""Config `packages_lock`: a lock file, the pip requirements file that `pip-compile
--generate-hashes`, `uv pip compile --generate-hashes` or `uv export` write, naming every package
to install with its exact version and its hashes.

Its requirements are installed with the config's `packages`, in pip's hash-checking mode: a
line without `==` and `--hash` is refused (the file would not pin what it installs), and so is
any package, dependency or not, that it does not list. Comments, blank lines and `\\`
continuations are read as pip reads them; options other than `--hash` are refused, naming the
line: an index goes in the config's `index_urls`.
"""

import re

import _pyscript
import js

_OPTION = re.compile(r"(?:^|\s)(-{1,2}[A-Za-z][\w-]*)")


def requirements(text, source):
    """The requirements of a lock file's `text` (`source` names it in errors), each as pip's
    `name==version --hash=...` line."""
    found = []
    number = 0
    lines = text.splitlines()
    while number < len(lines):
        first = number + 1
        line = lines[number]
        number += 1
        while line.rstrip().endswith("\\") and number < len(lines):
            line = line.rstrip()[:-1] + " " + lines[number]
            number += 1
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        options = [option for option in _OPTION.findall(line) if option != "--hash"]
        if options:
            raise ValueError(
                f"{source}, line {first}: {options[0]} is not supported in a lock file "
                "(it names packages, each with == and --hash; indexes go in the config's index_urls)"
            )
        if re.match(r"^[A-Za-z0-9][\w.-]*(\[[^\]]*\])?\s*@", line):
            raise ValueError(f"{source}, line {first}: {line.split('@')[0].strip()!r} is given by URL, which a lock file here cannot name: list its wheel in the config's packages")
        if "--hash" not in line or not re.match(r"^[A-Za-z0-9][\w.-]*(\[[^\]]*\])?\s*===?\s*[^\s;,=]+\s*(;|--hash|$)", line):
            raise ValueError(f"{source}, line {first}: {line.split()[0]!r} is not pinned: a lock file gives each package as name==version with --hash")
        found.append(line)
    return found


async def load(url, base_url):
    """The requirements of the lock file at `url` (relative to the config's `base_url`)."""
    if not isinstance(url, str):
        raise ValueError(f"config 'packages_lock' is the URL of a lock file, not {type(url).__name__}")
    try:
        href = js.URL.new(url, base_url).href
    except _pyscript.JsException:
        raise ValueError(f"config 'packages_lock' is not a URL: {url!r}") from None
    try:
        response = await js.fetch(href)
    except _pyscript.JsException as error:
        raise OSError(f"config 'packages_lock': cannot fetch {href}: {error}") from None
    if not response.ok:
        raise OSError(f"config 'packages_lock': cannot fetch {href}: {response.status} {response.statusText}")
    return requirements(await response.text(), f"config 'packages_lock' {url}")
