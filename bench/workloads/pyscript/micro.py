N = int(_param("n"))

# pyperformance-style micro cases, each timed on its own (a phase of the report). Every
# case's loop runs in a function, so its names are fast locals unless the case is about
# globals; each returns a small int checksum that every system must agree on.

G_SCALE = 3
G_OFFSET = 7


def case_int_arith(n):
    x = 0
    for i in range(n):
        x = (x + i * 3 - (i >> 1)) ^ (i & 7)
        x = x % 1000003
    return x


def case_float_arith(n):
    f = 0.0
    g = 1.5
    for i in range(n):
        f = f * 0.5 + g * 1.25 - 0.75
        g = g + 0.001
    return int(f * 1000)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self, k):
        return self.x + self.y + k


def case_attr_read(n):
    p = Point(3, 4)
    acc = 0
    for i in range(n):
        acc = acc + p.x + p.y
    return acc % 1000003


def case_global_read(n):
    acc = 0
    for i in range(n):
        acc = acc + G_SCALE + G_OFFSET + len("ab")
    return acc % 1000003


def add3(a, b, c):
    return a + b + c


def case_call(n):
    acc = 0
    for i in range(n):
        acc = add3(acc, i, 1) & 0xFFFFF
    return acc


def case_method_call(n):
    p = Point(1, 2)
    acc = 0
    for i in range(n):
        acc = (acc + p.norm1(i)) & 0xFFFFF
    return acc


def case_for_range(n):
    c = 0
    for i in range(n):
        pass
    for i in range(n):
        c = i
    return c


def case_dict_ops(n):
    d = {}
    acc = 0
    for i in range(n):
        k = i & 1023
        d[k] = d.get(k, 0) + 1
        if k in d:
            acc = acc + d[k]
    return (acc + len(d)) % 1000003


def case_list_ops(n):
    lst = []
    for i in range(n):
        lst.append(i)
    acc = 0
    for i in range(n):
        acc = acc + lst[i] + lst[-1]
    return (acc + len(lst)) % 1000003


def case_str_ops(n):
    parts = []
    total = 0
    for i in range(n):
        s = str(i)
        t = s + "-" + s
        if t.startswith("1"):
            total = total + len(t)
        if i % 64 == 0:
            parts.append(t.upper())
    joined = ",".join(parts)
    return (total + len(joined) + len(joined.split(","))) % 1000003


# (name, function, iterations as a fraction of N): each case about 20-100 ms on pyscript-rs.
CASES = [
    ("int_arith", case_int_arith, 0.3),
    ("float_arith", case_float_arith, 1.0),
    ("attr_read", case_attr_read, 1.0),
    ("global_read", case_global_read, 1.0),
    ("call", case_call, 0.5),
    ("method_call", case_method_call, 0.5),
    ("for_range", case_for_range, 2.0),
    ("dict_ops", case_dict_ops, 0.5),
    ("list_ops", case_list_ops, 0.8),
    ("str_ops", case_str_ops, 0.4),
]


def work():
    out = {}
    checksums = {}
    total = 0.0
    for name, fn, scale in CASES:
        n = int(N * scale)
        t0 = _now()
        checksums[name] = fn(n)
        dt = _now() - t0
        out[name + "_ms"] = dt
        total += dt
    out["inside_ms"] = total
    out["checksum"] = checksums
    report(out)


on_trigger(work)
