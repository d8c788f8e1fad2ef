// A static file server for the examples and the browser tests: 127.0.0.1 only, with the
// COOP/COEP headers that make pages cross-origin isolated (as PyScript workers need).
//
//   node tests/server.mjs [--port 8000] [--open examples/]   serves the repository root

import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import { sameTime } from "../scripts/copy-time.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".toml": "application/toml; charset=utf-8",
  ".wasm": "application/wasm",
  ".py": "text/x-python; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pyi": "text/x-python; charset=utf-8",
};

const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** The file's content, from its precompressed copy (`scripts/compress.mjs`) when the client
 * accepts that encoding: brotli first, then gzip. */
async function precompressed(file, acceptEncoding) {
  const accepted = acceptEncoding.split(",").map((part) => part.trim().split(";")[0]);
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!accepted.includes(encoding)) continue;
    try {
      // scripts/compress.mjs gives a copy its file's time: another time means a stale copy.
      const [copy, original] = await Promise.all([fs.stat(file + suffix), fs.stat(file)]);
      if (sameTime(copy, original)) return { body: await fs.readFile(file + suffix), encoding };
    } catch {
      // No copy: the next encoding, or the file itself.
    }
  }
  return { body: await fs.readFile(file), encoding: null };
}

/** Starts the server; `port` 0 picks a free one. Resolves to `{ origin, close }`. */
export async function startServer({ port = 0, root = ROOT } = {}) {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (url.pathname === "/_echo") return echo(request, response);
    // `/_delay/<ms>/<path>`: <path> after <ms> milliseconds, for tests of slow loads.
    const delayed = url.pathname.match(/^\/_delay\/(\d+)(\/.*)$/);
    if (delayed) {
      await new Promise((resolve) => setTimeout(resolve, Number(delayed[1])));
      url.pathname = delayed[2];
    }
    let file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) return send(response, 403, "forbidden");
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, "index.html");
      const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
      const { body, encoding } = await precompressed(file, request.headers["accept-encoding"] ?? "");
      const headers = { ...ISOLATION, "Content-Type": type, "Cache-Control": "no-cache", Vary: "Accept-Encoding" };
      if (encoding) headers["Content-Encoding"] = encoding;
      response.writeHead(200, headers);
      response.end(request.method === "HEAD" ? undefined : body);
    } catch {
      send(response, 404, `not found: ${url.pathname}`);
    }
  });
  echoWebSockets(server);
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** `/_echo`: answers with what it received (method, headers, body bytes) as JSON, with
 * the status asked for by `?status=`, for the tests of `fetch`. */
async function echo(request, response) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const status = Number(new URL(request.url, "http://127.0.0.1").searchParams.get("status") ?? 200);
  response.writeHead(status, { ...ISOLATION, "Content-Type": "application/json; charset=utf-8", "X-Echo": "yes" });
  response.end(
    JSON.stringify({
      method: request.method,
      contentType: request.headers["content-type"] ?? null,
      custom: request.headers["x-custom"] ?? null,
      text: body.toString("utf8"),
      bytes: [...body],
    }),
  );
}

/** WebSockets at `/_ws_echo`: each message comes back as it was sent (text or binary); the
 * text "close <code> <reason>" makes the server close with that code and reason. */
function echoWebSockets(server) {
  const sockets = new WebSocketServer({ server, path: "/_ws_echo" });
  sockets.on("connection", (socket, request) => {
    socket.send(`protocol: ${socket.protocol || "none"}`);
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? null : data.toString("utf8");
      const close = text?.match(/^close (\d+) ?(.*)$/);
      if (close) socket.close(Number(close[1]), close[2]);
      else socket.send(data, { binary: isBinary });
    });
  });
}

function send(response, status, text) {
  response.writeHead(status, { ...ISOLATION, "Content-Type": "text/plain; charset=utf-8" });
  response.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portIndex = process.argv.indexOf("--port");
  const openIndex = process.argv.indexOf("--open");
  const { origin } = await startServer({ port: portIndex > 0 ? Number(process.argv[portIndex + 1]) : 8000 });
  const start = openIndex > 0 ? process.argv[openIndex + 1] : "";
  console.log(`serving ${ROOT} at ${origin}/${start}`);
}
