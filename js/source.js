// Reading a script's Python source: inline text (dedented) or its `src` file.

/** Removes the indentation common to all non-blank lines, keeping line numbers intact. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let common = null;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = line.match(/^[ \t]*/)[0];
    if (common === null || !indent.startsWith(common)) {
      common = common === null ? indent : commonPrefix(common, indent);
    }
  }
  if (!common) return lines.join("\n");
  return lines.map((line) => (line.startsWith(common) ? line.slice(common.length) : line.trimStart())).join("\n");
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The inline code of a `<script>` or `<py-script>` element. */
export function inlineSource(element) {
  if (element.localName === "script") return dedent(element.textContent);
  if (element.children.length === 0) return dedent(element.textContent);
  // Markup inside <py-script> was parsed as HTML: its source text is the unescaped markup.
  console.warn(`<${element.localName}> containing HTML elements is deprecated: use <script type="${element.localName.split("-")[0]}">.`);
  const unescape = document.createElement("textarea");
  unescape.innerHTML = element.innerHTML;
  return dedent(unescape.value);
}

/** Fetches `src`; a failure is an Error whose message explains it the way PyScript does. */
export async function fetchSource(src) {
  let response;
  try {
    response = await fetch(src);
  } catch (error) {
    throw new Error(`(PY0001): Fetching from URL ${src} failed with error '${error.message}'.`);
  }
  if (!response.ok) {
    throw new Error(
      `(PY0${response.status}): Fetching from URL ${src} failed with error ${response.status} (${response.statusText}). Are your filename and path correct?`,
    );
  }
  return response.text();
}
