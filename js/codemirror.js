// The code editor of `<script type="py-editor">` (npm CodeMirror 6 with its Python mode), in
// one module bundled on its own (scripts/build.sh), loaded only by pages that have an editor.

export { EditorView, basicSetup } from "codemirror";
export { python } from "@codemirror/lang-python";
export { indentUnit } from "@codemirror/language";
export { keymap } from "@codemirror/view";
export { indentWithTab } from "@codemirror/commands";
