"""`<script type="py-editor">`'s Python side, in the editor's worker: what a run writes to
`sys.stdout` and `sys.stderr` goes to the output under the editor (js/editor.js), not to the
console. An editor with a `terminal` attribute writes to its terminal instead
(`_pyscript_terminal.attach_worker`)."""

import sys

import _pyscript
from _pyscript_terminal import TerminalOutput


class EditorOutput(TerminalOutput):
    """A text stream that writes to the editor's output element, on the page."""

    def isatty(self):
        return False


def attach():
    host = _pyscript.host("worker")
    sys.stdout = EditorOutput(host.editorStdout, "<stdout>")
    sys.stderr = EditorOutput(host.editorStderr, "<stderr>")
