"""`display()` and `HTML`: render Python values into the page by MIME type."""

import _pyscript

from pyscript.context import current_target

# What core.js (main thread) or worker.js offers: `display` places rendered values. Found on
# first use, not at import: the start-up snapshot imports this module outside any page.
_page = None


def _page_host():
    global _page
    if _page is None:
        _page = _pyscript.host("worker" if _pyscript.RUNNING_IN_WORKER else "main")
    return _page

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


def _check_target(target):
    """The target as the page's half of display() takes it: an id, or a JS element."""
    # The page's window: in a worker, the proxy of the main thread's; `None` in a worker of
    # a page that cannot give one (not cross-origin isolated).
    if _pyscript.window is None:
        import pyscript.context

        raise RuntimeError(f"display() writes to the page, which is not available here: {pyscript.context.document.error}")
    if target is None:
        target = current_target()
        if not target:
            raise ValueError("display() needs target= here: this code has no default output element.")
    if isinstance(target, str):
        return target
    if isinstance(target, _pyscript.JsProxy):
        return target
    # Extension: a pyscript.web element or a raw DOM node is used as it is.
    element = getattr(target, "_dom_element", target)
    if not isinstance(element, _pyscript.JsProxy):
        raise TypeError(f"display() target must be an element or its id, not {type(target).__name__}")
    return element


def display(*values, target=None, append=True):
    """Show each value in the page, rendered by its richest MIME type (see the spec)."""
    target = _check_target(target)
    items = []
    for value in values:
        kind, payload = _render(value)
        if not isinstance(payload, str):
            payload = str(payload)
        if payload.strip():
            items.append((kind, payload))
    # The DOM work is one call into JS (js/display-dom.js); from a worker, one request.
    problem = _page_host().display(target, items, append)
    if problem:
        raise ValueError(problem)