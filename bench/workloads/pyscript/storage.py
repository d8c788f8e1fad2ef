from pyscript import storage

KEYS = int(_param("keys"))

# Every run must start from an empty store. Each run already gets a fresh
# browser context (no IndexedDB left from an earlier run), but a page opened by
# hand in an ordinary browser keeps its IndexedDB: a unique name per run makes
# that case start empty too. crypto.randomUUID() is plain JS, so the name is
# made the same way on every system.
NAME = "bench-" + str(window.crypto.randomUUID())


def value_for(i):
    # small values of the kinds PyScript's storage serialises, mixed, and the
    # same on every system: int, short str, float, small list, small dict
    kind = i % 5
    if kind == 0:
        return i * 7
    if kind == 1:
        return "v%d" % i
    if kind == 2:
        return i + 0.25
    if kind == 3:
        return [i, "x", i % 2 == 0]
    return {"n": i, "s": "k%d" % i, "none": None}


# built before the clock starts, so `write` and `read` time the store, not this
keys = ["key%d" % i for i in range(KEYS)]
values = [value_for(i) for i in range(KEYS)]


def fail(what):
    # a wrong value must fail the run, not just show up as a field of the report
    report({"error": what})
    raise RuntimeError(what)


t0 = _now()
store = await storage(NAME)
t1 = _now()
if len(store) != 0:
    fail("store %s is not empty when first opened: %d entries" % (NAME, len(store)))

for i in range(KEYS):
    store[keys[i]] = values[i]
t2 = _now()

# the writes are only queued so far: they reach IndexedDB once Python yields,
# so `sync` is where they are committed
await store.sync()
t3 = _now()

# a second handle on the same name: loads every entry from IndexedDB again
reopened = await storage(NAME)
t4 = _now()

mismatches = 0
first_mismatch = None
for i in range(KEYS):
    got = reopened[keys[i]]
    if got != values[i]:
        mismatches += 1
        if first_mismatch is None:
            first_mismatch = "%s: stored %r, read back %r" % (keys[i], values[i], got)
t5 = _now()

if len(reopened) != KEYS:
    fail("reopened store has %d entries, expected %d" % (len(reopened), KEYS))
if mismatches:
    fail("%d of %d values read back wrong, first %s" % (mismatches, KEYS, first_mismatch))

report({
    "inside_ms": t5 - t0,
    "open_ms": t1 - t0,
    "write_ms": t2 - t1,
    "sync_ms": t3 - t2,
    "reopen_ms": t4 - t3,
    "read_ms": t5 - t4,
    "keys": KEYS,
    "reopened_len": len(reopened),
    "mismatches": mismatches,
})
