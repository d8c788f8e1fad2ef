// The frame loop's fast paths for ints (patches/rustpython-vm-0.6.0-*.patch): each site is
// run on small ints first, so that RustPython specialises it (BINARY_OP_ADD_INT, the
// compact-int BINARY_OP_EXTEND of `& | ^ % // << >>`, COMPARE_OP_INT, the i64 paths of `%`
// and `//`, the index guards), then given what the fast paths must leave to the generic
// path: ints past 2**30, 2**63 and 2**64 either way, products that overflow i64, zero
// divisors, negative and long shift counts, bools, and int subclasses that override the
// operators, __eq__ and __hash__.
// The expected lines are CPython 3.11's output of the same code.

import assert from "node:assert/strict";
import { test } from "node:test";
import { printed, useBrowser } from "./harness.mjs";

useBrowser();

test("int operators on specialised sites give CPython's results across the machine word, for every operator", async () => {
  const logs = await printed(`
import hashlib
import operator

EDGES = [0, 1, -1, 7, -7, 2**30 - 1, -(2**30 - 1), 2**30, -2**30, 2**31, 2**62, 2**63 - 1, 2**63, -2**63,
         -2**63 - 1, 2**64, -2**64, 10**30, -10**30, True, False]


def warm(f):
    # Run the site on small ints first, so the frame loop specialises it; the edge
    # cases then meet the specialised instruction (and must fall back where it cannot).
    for i in range(1, 300):
        f(i, 3)


def outcome(f, a, b):
    try:
        r = f(a, b)
        return type(r).__name__ + ":" + repr(r)
    except Exception as e:
        return type(e).__name__


def table(name, f, reference, pairs):
    # One line per operator: a digest of every outcome (the test compares it with
    # CPython's), and each outcome that differs from the operator module's, which
    # takes the generic protocol path, never the frame loop's specialised one.
    warm(f)
    out = []
    for a, b in pairs:
        got = outcome(f, a, b)
        out.append(got)
        expected = outcome(reference, a, b)
        if got != expected:
            print("differs", name, a, b, got, expected)
    print(name, hashlib.sha256(" ".join(out).encode()).hexdigest()[:16])


def add(a, b): return a + b
def sub(a, b): return a - b
def mul(a, b): return a * b
def floordiv(a, b): return a // b
def mod(a, b): return a % b
def and_(a, b): return a & b
def or_(a, b): return a | b
def xor(a, b): return a ^ b
def lshift(a, b): return a << b
def rshift(a, b): return a >> b
def lt(a, b): return a < b
def eq(a, b): return a == b
def iadd(a, b):
    a += b
    return a


def imod(a, b):
    a %= b
    return a


def ifloordiv(a, b):
    a //= b
    return a


def ilshift(a, b):
    a <<= b
    return a


def irshift(a, b):
    a >>= b
    return a


pairs = [(a, b) for a in EDGES for b in (1, -1, 3, -3, 2**31, -2**63, 2**64, True)]
for name, f, reference in [
    ("add", add, operator.add), ("sub", sub, operator.sub), ("mul", mul, operator.mul),
    ("iadd", iadd, operator.iadd), ("and", and_, operator.and_), ("or", or_, operator.or_),
    ("xor", xor, operator.xor), ("lt", lt, operator.lt), ("eq", eq, operator.eq),
]:
    table(name, f, reference, pairs)
div_pairs = [(a, b) for a in EDGES for b in (1, -1, 3, -3, 7, -7, 2**31, 2**64, 0)]
table("floordiv", floordiv, operator.floordiv, div_pairs)
table("mod", mod, operator.mod, div_pairs)
table("imod", imod, operator.imod, div_pairs)
table("ifloordiv", ifloordiv, operator.ifloordiv, div_pairs)
shift_pairs = [(a, b) for a in EDGES for b in (0, 1, 3, 31, 32, 33, 63, 64, 100, -1)]
table("lshift", lshift, operator.lshift, shift_pairs)
table("rshift", rshift, operator.rshift, shift_pairs)
table("ilshift", ilshift, operator.ilshift, shift_pairs)
table("irshift", irshift, operator.irshift, shift_pairs)
# Multiplication that overflows i64 only in the product.
table("mul_overflow", mul, operator.mul, [(2**32, 2**32), (2**31, 2**32), (-2**32, 2**31), (3037000500, 3037000500),
                            (-3037000500, 3037000500), (2**62, 2), (-2**62, 2), (2**62, -2), (-2**63, -1)])
`);
  assert.deepEqual(logs, [
    "add 5826a0cb61db1f77",
    "sub d6ab96f9dde28aa7",
    "mul 82ea811edde43423",
    "iadd 5826a0cb61db1f77",
    "and 9d1821ecd7090721",
    "or 02b72fc9f6197cde",
    "xor 86e5020c52c4842f",
    "lt 031a592a9c1005a6",
    "eq 3084edfee19695d4",
    "floordiv 8b1b8b48c8bf6747",
    "mod 131e9e6d93152f98",
    "imod 131e9e6d93152f98",
    "ifloordiv 8b1b8b48c8bf6747",
    "lshift f553e156f97d0ed1",
    "rshift 8848c752ee95ae1b",
    "ilshift f553e156f97d0ed1",
    "irshift 8848c752ee95ae1b",
    "mul_overflow 45047d07c1ad2f92",
  ]);
});

test("hash, str, dict keys and sequence indexes of ints inside and outside the i64 range", async () => {
  const logs = await printed(`
vals = [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61 - 1), 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 10**30, -10**30, True, False]
print("hash", " ".join(str(hash(v)) for v in vals))
print("str", " ".join(str(v) for v in vals))
d = {}
for i in range(300):
    d[i] = i
for v in vals:
    d[v] = "v"
print("dict", len(d), d[-1], d[-2], d[2**64], d[True], d[1.0])
lst = list(range(10))
t = tuple(range(10))
s = "abcdefghij"
def idx(seq, i):
    return seq[i]
for i in range(300):
    idx(lst, i % 10); idx(t, i % 10); idx(s, i % 10)
out = []
for i in (0, 9, -1, -10, 10, -11, 2**30, 2**63, -2**63, True):
    for seq in (lst, t, s):
        try:
            out.append(repr(idx(seq, i)))
        except Exception as e:
            out.append(type(e).__name__)
print("index", " ".join(out))
`);
  assert.deepEqual(logs, [
    "hash 0 1 -2 -2 2305843009213693950 0 1 0 3 4 -4 -5 8 465258685558744706 -465258685558744706 1 0",
    "str 0 1 -1 -2 2305843009213693950 2305843009213693951 2305843009213693952 -2305843009213693951 9223372036854775807 9223372036854775808 -9223372036854775808 -9223372036854775809 18446744073709551616 1000000000000000000000000000000 -1000000000000000000000000000000 True False",
    "dict 313 v v v v v",
    "index 0 0 'a' 9 9 'j' 9 9 'j' 0 0 'a' IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError IndexError 1 1 'b'",
  ]);
});

test("int subclasses with their own operators, __eq__ and __hash__, and bools, reach their methods on specialised sites", async () => {
  const logs = await printed(`
class Loud(int):
    def __add__(self, other): return "Loud.__add__"
    def __radd__(self, other): return "Loud.__radd__"
    def __sub__(self, other): return "Loud.__sub__"
    def __mul__(self, other): return "Loud.__mul__"
    def __mod__(self, other): return "Loud.__mod__"
    def __rmod__(self, other): return "Loud.__rmod__"
    def __floordiv__(self, other): return "Loud.__floordiv__"
    def __and__(self, other): return "Loud.__and__"
    def __xor__(self, other): return "Loud.__xor__"
    def __rshift__(self, other): return "Loud.__rshift__"
    def __lt__(self, other): return "Loud.__lt__"
    def __eq__(self, other): return "Loud.__eq__"
    def __hash__(self): return 12345


class Quiet(int):
    pass


def ops(a, b):
    return [a + b, a - b, a * b, a % b, a // b, a & b, a ^ b, a >> 1, a < b, a == b]


for i in range(1, 300):
    ops(i, 7)
print("loud-left", ops(Loud(5), 3))
print("loud-right", [3 + Loud(5), 3 % Loud(5)])
print("quiet", ops(Quiet(100), 7), type(Quiet(100) + 7).__name__, type(Quiet(100) % 7).__name__)
print("bool", [True + True, True - False, True * True, True & True, True | False, True ^ True,
               type(True & True).__name__, type(True ^ False).__name__, True < 2, True == 1])
d = {Loud(5): "loud"}
print("hash", hash(Loud(5)), d.get(Loud(5)), 5 in d, hash(Quiet(2**64)) == hash(2**64))
x = 0
for i in range(1000):
    x = x + Loud(i) if i == 999 else x + i
print("late", x)
`);
  assert.deepEqual(logs, [
    "loud-left ['Loud.__add__', 'Loud.__sub__', 'Loud.__mul__', 'Loud.__mod__', 'Loud.__floordiv__', 'Loud.__and__', 'Loud.__xor__', 'Loud.__rshift__', 'Loud.__lt__', 'Loud.__eq__']",
    "loud-right ['Loud.__radd__', 'Loud.__rmod__']",
    "quiet [107, 93, 700, 2, 14, 4, 99, 50, False, False] int int",
    "bool [2, 1, 1, True, True, False, 'bool', 'bool', True, True]",
    "hash 12345 loud False True",
    "late Loud.__radd__",
  ]);
});

test("hasattr() and getattr() with a default on classes: found, missing, a metaclass's property and __getattr__, long names", async () => {
  // vm.get_attribute_opt asks a class for an attribute without making the AttributeError it
  // then drops (patches/rustpython-vm-0.6.0-type-getattr-opt.patch); a lookup that fails
  // still raises CPython's message. The lines are CPython 3.11's output of the same code.
  const logs = await printed(`
import asyncio


class Meta(type):
    @property
    def broken(cls):
        raise AttributeError("from the property")

    @property
    def fine(cls):
        return "meta property"


class Dynamic(type):
    def __getattr__(cls, name):
        return "dynamic " + name


class C(metaclass=Meta):
    plain = 1

    @classmethod
    def make(cls):
        return cls.__name__


class D(metaclass=Dynamic):
    pass


class E(C):
    pass


def probe(obj, name):
    try:
        got = getattr(obj, name)
        got = got() if name in ("make", "mro") else ("callable" if callable(got) else got)
    except AttributeError as e:
        got = "AttributeError: " + str(e)
    default = getattr(obj, name, "default")
    return [hasattr(obj, name), "callable" if callable(default) else default, got]


for obj, names in [(C, ["plain", "make", "fine", "broken", "missing", "__name__", "mro", "x" * 40]),
                   (E, ["plain", "make", "missing"]), (D, ["anything", "__name__"]), (int, ["bit_length", "nope"]),
                   (type, ["__name__", "nope"])]:
    for name in names:
        print(obj.__name__, name[:12], probe(obj, name))
class FutureLike:
    _asyncio_future_blocking = False


coroutine = asyncio.sleep(0)
print("isfuture", asyncio.isfuture(FutureLike()), asyncio.isfuture(coroutine), asyncio.isfuture(C))
coroutine.close()
`);
  assert.deepEqual(logs, [
    "C plain [True, 1, 1]",
    "C make [True, 'callable', 'C']",
    "C fine [True, 'meta property', 'meta property']",
    "C broken [False, 'default', 'AttributeError: from the property']",
    "C missing [False, 'default', \"AttributeError: type object 'C' has no attribute 'missing'\"]",
    "C __name__ [True, 'C', 'C']",
    "C mro [True, 'callable', [<class '__main__.C'>, <class 'object'>]]",
    "C xxxxxxxxxxxx [False, 'default', \"AttributeError: type object 'C' has no attribute 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\"]",
    "E plain [True, 1, 1]",
    "E make [True, 'callable', 'E']",
    "E missing [False, 'default', \"AttributeError: type object 'E' has no attribute 'missing'\"]",
    "D anything [True, 'dynamic anything', 'dynamic anything']",
    "D __name__ [True, 'D', 'D']",
    "int bit_length [True, 'callable', 'callable']",
    "int nope [False, 'default', \"AttributeError: type object 'int' has no attribute 'nope'\"]",
    "type __name__ [True, 'type', 'type']",
    "type nope [False, 'default', \"AttributeError: type object 'type' has no attribute 'nope'\"]",
    "isfuture True False False"
  ]);
});
