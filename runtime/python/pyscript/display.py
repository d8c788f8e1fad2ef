"""`display()` and `HTML`: render Python values into the page by MIME type."""

import _pyscript

from pyscript.context import current_target

# The page's document: in a worker, the proxy of the main thread's; `None` in a worker of
# a page that cannot give one (not cross-origin isolated).
_window = _pyscript.window
_document = None if _window is None else _window.document

# Tried in this order when a value has no usable `_repr_mimebundle_`.
_REPR_METHODS = (
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_html_", "text/html"),
    ("_repr_json_", "application/json"),
    ("_repr_javascript_", "application/javascript"),
)


class HTML:
    """Markup that `display()` inserts as HTML instead of escaping it."""

    def __init__(self, html):
        self._html = html

    def _repr_html_(self):
        return self._html


def _escape(text):
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _base64(data):
    if isinstance(data, str):
        return data
    import binascii

    return binascii.b2a_base64(bytes(data), newline=False).decode("ascii")


def _image(mime):
    def render(data, meta):
        attributes = "".join(
            f' {_escape(str(name))}="{_escape(str(value))}"' for name, value in meta.items()
        )
        return "html", f'<img src="data:{mime};base64,{_base64(data)}"{attributes}>'

    return render


def _json(data, meta):
    if not isinstance(data, str):
        import json

        data = json.dumps(data)
    return "html", data


# MIME type -> renderer(data, meta) returning (kind, payload), kind being "text" (escaped),
# "html" (parsed markup) or "script" (JavaScript to run).
_RENDERERS = {
    "text/plain": lambda data, meta: ("text", str(data)),
    "text/html": lambda data, meta: ("html", data),
    "image/svg+xml": lambda data, meta: ("html", data),
    "image/png": _image("image/png"),
    "image/jpeg": _image("image/jpeg"),
    "application/json": _json,
    "application/javascript": lambda data, meta: ("script", data),
}


def _from_mimebundle(value):
    method = getattr(value, "_repr_mimebundle_", None)
    if not callable(method):
        return None
    bundle = method()
    if not bundle:
        return None
    formats, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    for mime, data in formats.items():
        if mime not in _RENDERERS:
            continue
        meta = dict((metadata or {}).get(mime) or {})
        if isinstance(data, tuple):
            data, extra = data
            meta.update(extra or {})
        return _RENDERERS[mime](data, meta)
    return None


def _from_repr_methods(value):
    if hasattr(value, "savefig"):
        import io

        buffer = io.BytesIO()
        value.savefig(buffer, format="png")
        return _RENDERERS["image/png"](buffer.getvalue(), {})
    for name, mime in _REPR_METHODS:
        method = getattr(value, name, None)
        if method is None:
            continue
        output = method()
        if output is None:
            continue
        meta = {}
        if isinstance(output, tuple) and len(output) == 2:
            output, meta = output
        return _RENDERERS[mime](output, meta or {})
    return None


def _render(value):
    """(kind, payload) for one value: the first rule of the spec that applies."""
    if isinstance(value, str):
        return "text", value
    return _from_mimebundle(value) or _from_repr_methods(value) or ("text", repr(value))


def _resolve_target(target):
    if _document is None:
        import pyscript.context

        raise RuntimeError(f"display() writes to the page, which is not available here: {pyscript.context.document.error}")
    if target is None:
        target = current_target()
        if not target:
            raise ValueError("display() needs target= here: this code has no default output element.")
    if isinstance(target, str):
        element_id = target[1:] if target.startswith("#") else target
        element = _document.getElementById(element_id) if element_id else None
        if element is None:
            raise ValueError(f"Cannot find element with id='{element_id}' in the page.")
    else:
        # Extension: a pyscript.web element or a raw DOM node is used as it is.
        element = getattr(target, "_dom_element", target)
    # A <script> writes into its companion output element.
    if element.tagName == "SCRIPT" and getattr(element, "target", None) is not None:
        element = element.target
    return element


def _node_for(kind, payload):
    if kind == "text":
        return _document.createTextNode(payload)
    if kind == "script":
        script = _document.createElement("script")
        script.textContent = payload
        return script
    # A contextual fragment, unlike innerHTML, lets the <script>s in the markup run.
    return _document.createRange().createContextualFragment(payload)


def display(*values, target=None, append=True):
    """Show each value in the page, rendered by its richest MIME type (see the spec)."""
    element = _resolve_target(target)
    if not append:
        element.replaceChildren()
    for value in values:
        kind, payload = _render(value)
        if not isinstance(payload, str):
            payload = str(payload)
        if not payload.strip():
            continue
        node = _node_for(kind, payload)
        if append:
            wrapper = _document.createElement("div")
            wrapper.appendChild(node)
            element.appendChild(wrapper)
        else:
            # As PyScript: each value replaces the one before, so the last one is shown.
            element.replaceChildren(node)
