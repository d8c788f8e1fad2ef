// pyscript.fetch: every reader, awaited or chained; the options; errors.

import assert from "node:assert/strict";
import { test } from "node:test";
import { printed, useBrowser } from "./harness.mjs";

useBrowser();

test("the response's fields and every reader, awaited or chained on the un-awaited result", async () => {
  const logs = await printed(`
from pyscript import fetch
response = await fetch("/tests/pages/files/config.json")
print(response.ok, response.status, response.statusText, response.url.endswith("/config.json"))
print(response.headers.get("content-type"))
print(type(await response.text()).__name__)
print(await fetch("/tests/pages/files/config.json").json() == __import__("json").loads(await fetch("/tests/pages/files/config.json").text()))
data = await fetch("/tests/pages/files/hello.py").bytearray()
print(type(data).__name__, data[:5])
view = await fetch("/tests/pages/files/hello.py").arrayBuffer()
print(type(view).__name__, bytes(view[:5]))
blob = await fetch("/tests/pages/files/hello.py").blob()
print(blob.constructor.name, blob.size == len(data))
`);
  assert.deepEqual(logs, [
    "True 200 OK True",
    "application/json; charset=utf-8",
    "str",
    "True",
    "bytearray bytearray(b'from ')",
    "memoryview b'from '",
    "Blob True",
  ]);
});

test("options: method, headers, and str, bytes and JSON bodies", async () => {
  const logs = await printed(`
from pyscript import fetch
echo = await fetch("/_echo", method="POST", body="plain text", headers={"X-Custom": "yes"}).json()
print(echo["method"], echo["text"], echo["custom"])
echo = await fetch("/_echo", method="PUT", body=b"\\x00\\xffbytes").json()
print(echo["method"], echo["bytes"][:2])
echo = await fetch("/_echo", method="POST", body={"a": [1, 2]}).json()
print(echo["contentType"], echo["text"])
echo = await fetch("/_echo", method="POST", body=[1], headers={"content-type": "text/x-mine"}).json()
print(echo["contentType"], echo["text"])
try:
    fetch("/_echo", method="POST", body=object())
except TypeError as error:
    print("TypeError:", error)
`);
  assert.deepEqual(logs, [
    "POST plain text yes",
    "PUT [0, 255]",
    'application/json {"a": [1, 2]}',
    "text/x-mine [1]",
    "TypeError: fetch() body must be str, bytes-like, a dict or list (sent as JSON) or a JS value, not object",
  ]);
});

test("HTTP errors do not raise; a network failure and a second read raise JsException naming the URL", async () => {
  const logs = await printed(`
from pyscript import fetch
from pyscript.ffi import JsException
missing = await fetch("/tests/pages/files/missing.txt")
print(missing.ok, missing.status)
teapot = await fetch("/_echo?status=418")
print(teapot.ok, teapot.status)
try:
    await fetch("http://127.0.0.1:1/unreachable").text()
except JsException as error:
    print("JsException:", "Failed to fetch" in str(error), "(fetching http://127.0.0.1:1/unreachable)" in str(error))
response = await fetch("/tests/pages/files/hello.py")
await response.text()
try:
    await response.text()
except JsException as error:
    print("second read:", "reading the body of /tests/pages/files/hello.py" in str(error))
`);
  assert.deepEqual(logs, ["False 404", "False 418", "JsException: True True", "second read: True"]);
});
