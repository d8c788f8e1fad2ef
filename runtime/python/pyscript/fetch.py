"""`pyscript.fetch`: the browser's `fetch`, with responses read into Python values.

`fetch(url, **options)` starts the request at once and returns an awaitable: `await` gives
the response (HTTP error statuses do not raise: check `ok` or `status`), and its readers can
be chained without awaiting it first: `data = await fetch(url).json()`.
"""

import json

import _pyscript
import js as _js_global
from _pyscript import JsException
from pyscript.ffi import to_js

_JSON_TYPES = (dict, list)


class FetchResponse:
    """A response: the JS `Response`'s fields (`ok`, `status`, `statusText`, `headers`,
    `url`, `redirected`, `type`, `bodyUsed`) and readers that return Python values."""

    def __init__(self, url, response):
        self._url = url
        self._response = response

    def __getattr__(self, name):
        return getattr(self._response, name)

    def __repr__(self):
        return f"<FetchResponse {self._response.status} {self._response.statusText!r} {self._url!r}>"

    async def text(self):
        """The body as `str`."""
        return await self._read("text")

    async def json(self):
        """The body parsed as JSON (`json.loads` of the text)."""
        return json.loads(await self.text())

    async def bytearray(self):
        """The body as a `bytearray`."""
        return bytearray((await self._read("arrayBuffer")).to_bytes())

    async def arrayBuffer(self):
        """The body as a `memoryview` of its bytes."""
        return memoryview((await self._read("arrayBuffer")).to_bytes())

    async def blob(self):
        """The body as a JS `Blob`."""
        return await self._read("blob")

    async def _read(self, reader):
        try:
            return await getattr(self._response, reader)()
        except JsException as error:
            raise _naming(error, f"reading the body of {self._url}") from error


class _PendingFetch:
    """What `fetch()` returns: awaitable for the response, with the readers chained on it."""

    def __init__(self, url, promise):
        self._url = url
        self._promise = promise
        self._response = None

    def __await__(self):
        return self._settle().__await__()

    async def _settle(self):
        if self._response is None:
            try:
                self._response = FetchResponse(self._url, await self._promise)
            except JsException as error:
                raise _naming(error, f"fetching {self._url}") from error
        return self._response

    async def text(self):
        return await (await self).text()

    async def json(self):
        return await (await self).json()

    async def bytearray(self):
        return await (await self).bytearray()

    async def arrayBuffer(self):
        return await (await self).arrayBuffer()

    async def blob(self):
        return await (await self).blob()


def fetch(url, **options):
    """Starts fetching `url` with the browser's fetch options (`method`, `headers`, `body`,
    `mode`, `credentials`, `signal`, ...). A `body` may be `str`, bytes-like, or a dict or
    list, sent as JSON (with `Content-Type: application/json` unless `headers` set one)."""
    url = str(url)
    if _pyscript.RUNNING_IN_WORKER:
        # Relative to the page, as on the main thread (a worker's own location is dist/).
        try:
            url = _js_global.URL.new(url, _pyscript.page_url()).href
        except JsException:
            pass  # the browser's fetch says what is wrong with it
    if "body" in options:
        options["body"], headers = _body(options["body"], options.get("headers"))
        if headers is not None:
            options["headers"] = headers
    try:
        init = to_js(options)
    except TypeError as error:
        raise TypeError(f"fetch() options must be JSON-like values or JS objects: {error}") from None
    return _PendingFetch(url, _js_global.fetch(url, init))


def _body(body, headers):
    if body is None or isinstance(body, (str, bytes, bytearray, memoryview)):
        return body, None
    if isinstance(body, _JSON_TYPES):
        headers = dict(headers or {})
        if not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = "application/json"
        return json.dumps(body), headers
    if hasattr(body, "typeof"):  # a JS value: FormData, Blob, URLSearchParams, a stream ...
        return body, None
    raise TypeError(
        f"fetch() body must be str, bytes-like, a dict or list (sent as JSON) or a JS value, "
        f"not {type(body).__name__}"
    )


def _naming(error, doing):
    """The JS error, with the URL it concerns: "TypeError: Failed to fetch (fetching URL)"."""
    named = JsException(f"{error} ({doing})")
    named.js_error = getattr(error, "js_error", None)
    return named


__all__ = ["FetchResponse", "fetch"]
