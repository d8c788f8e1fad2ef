"""The `terminal` attribute's Python side: `print` (and tracebacks) go to the terminal,
`__terminal__` is the xterm.js `Terminal`, and `input()` reads a line from it in a worker
(the main thread cannot wait for typing). The terminal itself is `js/terminal.js`."""

import builtins
import sys

import __main__


class TerminalOutput:
    """A text stream that writes to the terminal."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, write, name):
        self._write = write
        self.name = name

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._write(text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return True

    def writable(self):
        return True

    def readable(self):
        return False


def _main_thread_input(prompt=""):
    raise RuntimeError(
        "input() cannot wait for typing on the main thread: "
        'run this script in a worker (<script type="py" worker terminal>)'
    )


def attach_main():
    """Main thread: output only."""
    import _pyscript

    terminal = _pyscript.host("main").terminal
    sys.stdout = TerminalOutput(terminal.write, "<stdout>")
    sys.stderr = TerminalOutput(terminal.write, "<stderr>")
    builtins.input = _main_thread_input
    __main__.__terminal__ = terminal.terminal


def attach_worker():
    """Worker: output and `input()` through synchronous calls to the main thread."""
    from pyscript import sync

    write = sync.pyterminal_write
    sys.stdout = TerminalOutput(write, "<stdout>")
    sys.stderr = TerminalOutput(write, "<stderr>")
    read = sync.pyterminal_read

    def terminal_input(prompt=""):
        return read(str(prompt))

    builtins.input = terminal_input
    __main__.__terminal__ = sync.pyterminal()
