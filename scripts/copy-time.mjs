// A precompressed copy (`x.br`, `x.gz`) carries its file's modification time, so a copy whose
// time differs is stale. Setting a time keeps milliseconds only (node passes a `Date`), while
// the file system keeps nanoseconds: "the same time" is less than a millisecond apart.
// scripts/compress.mjs writes the copies; tests/server.mjs sends the fresh ones.

/** Whether two `fs.Stats` have the same modification time, as a copy's time can be set. */
export const sameTime = (a, b) => Math.abs(a.mtimeMs - b.mtimeMs) < 1;
