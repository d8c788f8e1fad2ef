// Synchronous calls from a worker to the main thread. The worker posts its request and
// blocks in `Atomics.wait` on a SharedArrayBuffer; the main thread handles it (awaiting it
// when the handler returns a Promise), writes the JSON answer into the buffer and wakes the
// worker. An answer larger than the buffer makes the worker send a buffer of the right size.
// SharedArrayBuffer exists only on cross-origin isolated pages.

const HEADER = 8; // Int32 state, Int32 answer length
const CAPACITY = 1 << 16;
const WAITING = 0;
const ANSWERED = 1;
const TOO_LARGE = 2;

/** Why synchronous calls are impossible on this page, or `""` when they are possible. */
export function syncUnavailableReason() {
  if (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === "function") return "";
  return (
    "this page is not cross-origin isolated, so a worker cannot wait for the main thread. " +
    "Serve the page with the headers 'Cross-Origin-Opener-Policy: same-origin' and " +
    "'Cross-Origin-Embedder-Policy: require-corp' (or 'credentialless')"
  );
}

/** The worker's side: `call(request)` posts the request and blocks until the answer. */
export class SyncCaller {
  constructor(post) {
    this.post = post;
    this.buffer = new SharedArrayBuffer(HEADER + CAPACITY);
  }

  call(request) {
    const state = new Int32Array(this.buffer, 0, 2);
    Atomics.store(state, 0, WAITING);
    this.post({ type: "sync", request, buffer: this.buffer });
    waitWhileWaiting(state);
    let buffer = this.buffer;
    if (Atomics.load(state, 0) === TOO_LARGE) {
      buffer = new SharedArrayBuffer(HEADER + state[1]);
      const large = new Int32Array(buffer, 0, 2);
      this.post({ type: "sync-large", buffer });
      waitWhileWaiting(large);
    }
    const length = new Int32Array(buffer, 0, 2)[1];
    // TextDecoder refuses views of shared memory: slice() copies into an ordinary buffer.
    const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER, length).slice());
    return JSON.parse(text);
  }
}

/** Sleeps until the state leaves WAITING. `Atomics.wait` alone is not enough: it returns on
 * any notify, and the previous answer's notify may come late (the main thread stored
 * ANSWERED, we read that answer without sleeping, and its notify arrives while we wait for
 * the next one), which would hand us the previous answer again. */
function waitWhileWaiting(state) {
  while (Atomics.load(state, 0) === WAITING) Atomics.wait(state, 0, WAITING);
}

/** The main thread's side: answers each `sync` message of one worker with `handle(request)`. */
export class SyncAnswerer {
  constructor(handle) {
    this.handle = handle;
    this.largeAnswer = null;
  }

  /** Handles a message of the worker; false when it is not part of this channel. */
  receive(message) {
    if (message?.type === "sync") {
      this.answer(message.request, message.buffer);
      return true;
    }
    if (message?.type === "sync-large") {
      write(message.buffer, this.largeAnswer, ANSWERED);
      this.largeAnswer = null;
      return true;
    }
    return false;
  }

  async answer(request, buffer) {
    let answer;
    try {
      answer = await this.handle(request);
    } catch (error) {
      answer = { error: String(error?.message ?? error) };
    }
    const bytes = new TextEncoder().encode(JSON.stringify(answer));
    if (bytes.length > buffer.byteLength - HEADER) {
      this.largeAnswer = bytes;
      const state = new Int32Array(buffer, 0, 2);
      state[1] = bytes.length;
      Atomics.store(state, 0, TOO_LARGE);
      Atomics.notify(state, 0);
      return;
    }
    write(buffer, bytes, ANSWERED);
  }
}

function write(buffer, bytes, status) {
  const state = new Int32Array(buffer, 0, 2);
  new Uint8Array(buffer, HEADER, bytes.length).set(bytes);
  state[1] = bytes.length;
  Atomics.store(state, 0, status);
  Atomics.notify(state, 0);
}

/** Blocks the calling worker for `seconds` without using the CPU (SharedArrayBuffer needed). */
export function blockFor(seconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, seconds * 1000));
}
