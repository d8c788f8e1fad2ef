# A seeded random driver of the Python-facing API: it calls `pyscript.web` and
# `pyscript.ffi`/`window` with random arguments of every type, counts the Python exceptions
# they raise, and prints a summary. A trap of the wasm instance would stop it before the
# summary: tests/e2e/fuzz.test.mjs checks the summary and that the page shows no error.
# The page sets FUZZ_SEED and FUZZ_CALLS before this script runs.

import json
import random
import time

import js
from pyscript import ffi, web, window
from pyscript.web import elements

rng = random.Random(FUZZ_SEED)  # noqa: F821 (set by the page)
calls_wanted = FUZZ_CALLS  # noqa: F821
outcomes = {}
calls = 0

TAGS = [name for name in dir(elements) if isinstance(getattr(elements, name), type)
        and issubclass(getattr(elements, name), web.Element)
        and name not in ("Element", "ContainerElement")]
PROPERTY_NAMES = [
    "id", "className", "title", "value", "href", "src", "alt", "disabled", "hidden", "checked",
    "tabIndex", "tabindex", "width", "height", "innerHTML", "html", "textContent", "text", "lang",
    "type", "name", "placeholder", "readonly", "readOnly", "min", "max", "step", "rows", "cols",
    "selected", "multiple", "label", "for_", "htmlFor", "colSpan", "draggable", "spellcheck",
    "data-x", "data_y", "aria-label", "aria_hidden", "role", "style", "classes", "contenteditable",
    "colour", "", "on_click", "on_input", "on_chicken", "_private", "__dict__", "onclick",
]
SELECTORS = ["div", "p", "*", "#fuzz-root", ".a", "div > p", "[data-x]", "span.b", "", "##",
             "div[", ":hover", "body *", "li:nth-child(2)", "\u00e9", "select option", "input"]
CLASS_NAMES = ["a", "b", "c d", "", " ", "x\ty", "<b>", "\u00e9t\u00e9", "a" * 300]
CSS_NAMES = ["color", "background-color", "width", "--custom", "", "display", "font-size", "x y"]
TEXTS = ["", "hello", "<b>bold</b>", "<script>window.fuzzPwned=1</script>", "\u0000", "\ud800",
         "\U0001f600", "a" * 1000, "1", "-1.5", "NaN", "true", "#fuzz-root", "</div>"]

root = web.div(id="fuzz-root")
web.page.body.append(root)
live = [root]


class Plain:
    pass


class Explosive:
    """An object whose dunder methods raise, to test error paths of conversions."""

    def __str__(self):
        raise ValueError("no str")

    def __repr__(self):
        raise ValueError("no repr")

    def __iter__(self):
        raise ValueError("no iter")

    def __len__(self):
        raise ValueError("no len")

    def __index__(self):
        raise ValueError("no index")

    def __fspath__(self):
        return self

    def __eq__(self, other):
        raise ValueError("no eq")

    __hash__ = object.__hash__


def self_containing():
    items = [1]
    items.append(items)
    mapping = {"a": 1}
    mapping["self"] = mapping
    return rng.choice([items, mapping])


def deep(levels):
    value = []
    for _ in range(levels):
        value = [value]
    return value


def random_scalar():
    return rng.choice([
        None, True, False, 0, 1, -1, 2**31, 2**53 + 1, -(2**70), 0.5, -0.0, float("nan"),
        float("inf"), 1e308, 3j, rng.choice(TEXTS), b"bytes\x00", bytearray(b"ba"),
        memoryview(b"mv"), range(3), slice(1, 2), Plain(), Explosive(), Exception("e"), int,
        len, lambda *args: args, lambda: None, js.Object.new(), ffi.jsnull,
        window.document.createElement("span"),
    ])


def random_value(levels=2):
    kind = rng.randrange(10)
    if levels <= 0 or kind < 5:
        return random_scalar()
    if kind == 5:
        return [random_value(levels - 1) for _ in range(rng.randrange(4))]
    if kind == 6:
        return tuple(random_value(levels - 1) for _ in range(rng.randrange(4)))
    if kind == 7:
        keys = [rng.choice(["k", 1, None, (1, 2), "x y", ""]) for _ in range(rng.randrange(4))]
        return {key: random_value(levels - 1) for key in keys}
    if kind == 8:
        return rng.choice([random_element(), self_containing(), deep(rng.choice([10, 600]))])
    return {1, "s"} if rng.random() < 0.5 else frozenset({2})


def random_element():
    return rng.choice(live)


def random_child():
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(TEXTS)
    if kind == 1:
        return random_element()
    if kind == 2:
        return [random_child() for _ in range(rng.randrange(3))]
    if kind == 3:
        return root.find(rng.choice(SELECTORS[:4]))
    if kind == 4:
        return random_scalar()
    return self_containing()


def remember(element):
    if isinstance(element, web.Element):
        live.append(element)
        if len(live) > 200:
            old = live.pop(1)
            old._dom_element.remove()
    return element


def construct():
    cls = getattr(web, rng.choice(TAGS))
    children = [random_child() for _ in range(rng.randrange(3))]
    kwargs = {rng.choice(PROPERTY_NAMES): random_value(1) for _ in range(rng.randrange(3))}
    if rng.random() < 0.3:
        kwargs["classes"] = rng.choice([rng.choice(CLASS_NAMES), CLASS_NAMES[:3], random_value(1)])
    if rng.random() < 0.3:
        kwargs["style"] = rng.choice([{rng.choice(CSS_NAMES): random_value(0)}, random_value(1)])
    element = remember(cls(*children, **kwargs))
    if rng.random() < 0.5:
        root.append(element)


def get_property():
    element = random_element()
    return getattr(element, rng.choice(PROPERTY_NAMES))


def set_property():
    setattr(random_element(), rng.choice(PROPERTY_NAMES), random_value(1))


def classes_operation():
    target = rng.choice([random_element(), root.find(rng.choice(SELECTORS))])
    classes = target.classes
    operation = rng.choice(["add", "remove", "toggle", "replace", "contains", "discard", "in",
                            "iter", "len", "assign"])
    name = rng.choice(CLASS_NAMES + [random_scalar()])
    if operation == "replace":
        return classes.replace(name, rng.choice(CLASS_NAMES))
    if operation == "in":
        return name in classes
    if operation == "iter":
        return list(classes)
    if operation == "len":
        return len(classes)
    if operation == "assign":
        target.classes = rng.choice([name, CLASS_NAMES[:2], random_value(1)])
        return None
    return getattr(classes, operation)(name)


def style_operation():
    target = rng.choice([random_element(), root.find(rng.choice(SELECTORS))])
    style = target.style
    name = rng.choice(CSS_NAMES + [random_scalar()])
    operation = rng.randrange(5)
    if operation == 0:
        style[name] = random_value(0)
    elif operation == 1:
        return style[name]
    elif operation == 2:
        del style[name]
    elif operation == 3:
        return style.get(name) if hasattr(style, "get") else list(style)
    else:
        target.style = random_value(1)
    return None


def options_operation():
    select = remember(web.select(*[rng.choice([("label", "v"), "plain", web.option("o", value=1)])
                                   for _ in range(rng.randrange(4))]))
    options = select.options
    operation = rng.randrange(6)
    if operation == 0:
        options.add(value=random_value(0), html=rng.choice(TEXTS), text=rng.choice(TEXTS),
                    before=rng.choice([None, 0, 5, -1, random_element(), random_scalar()]))
    elif operation == 1:
        options.remove(rng.choice([0, 1, -1, 100, random_scalar()]))
    elif operation == 2:
        return options[rng.choice([0, -1, 3, "x", random_scalar()])]
    elif operation == 3:
        return options.selected
    elif operation == 4:
        options.clear()
    else:
        return [len(options), list(options)]
    return None


def collection_operation():
    # Writes stay inside the fuzz root: the page's own scripts and output must survive.
    operation = rng.randrange(8)
    scope = root if operation in (3, 4) or rng.random() < 0.5 else web.page
    collection = scope.find(rng.choice(SELECTORS))
    if operation == 0:
        return collection[rng.choice([0, -1, 10**6, slice(0, 3), "fuzz-root", "#x", random_scalar()])]
    if operation == 1:
        return [len(collection), list(collection)[:3], bool(collection)]
    if operation == 2:
        return collection.find(rng.choice(SELECTORS))
    if operation == 3:
        collection.update_all(**{rng.choice(PROPERTY_NAMES): random_value(0)})
    elif operation == 4:
        setattr(collection, rng.choice(["innerHTML", "value", "classes", "style"]), random_value(1))
    elif operation == 5:
        return [collection.innerHTML, collection.value]
    elif operation == 6:
        return collection == web.page.find(rng.choice(SELECTORS))
    else:
        return web.ElementCollection(rng.choice([[random_element()], random_value(1)]))
    return None


def tree_operation():
    element = random_element()
    operation = rng.randrange(8)
    if operation == 0:
        return remember(element.clone(rng.choice([None, "clone-id", random_scalar()])))
    if operation == 1:
        element.append(*[random_child() for _ in range(rng.randrange(3))])
    elif operation == 2:
        if element is not root:
            element._dom_element.remove()
    elif operation == 3:
        return element.find(rng.choice(SELECTORS))
    elif operation == 4:
        return [element.parent, element.children, element[rng.choice([0, -1, slice(1), "x", 2.5])]]
    elif operation == 5:
        return web.page[rng.choice(SELECTORS + ["fuzz-root"])]
    elif operation == 6:
        element.update(**{rng.choice(PROPERTY_NAMES): random_value(0)})
    else:
        return [element == random_element(), hash(element), repr(element), str(element)]
    return None


def event_operation():
    element = random_element()
    name = rng.choice(["on_click", "on_input", "on_chicken", "on_"])
    handler = rng.choice([lambda event: None, lambda: None, random_scalar()])
    setattr(element, name, handler)
    if rng.random() < 0.3:
        element._dom_element.dispatchEvent(window.Event.new("click"))


sandbox = js.Object.new()
JS_NAMES = ["length", "a", "b", "constructor", "__proto__", "toString", "valueOf", "then",
            "0", "", "x y", "new", "from_"]
JS_FUNCTIONS = [js.JSON.stringify, js.JSON.parse, js.Math.max, js.Array.from_, js.Object.keys,
                js.Reflect.ownKeys, js.String, js.Number, js.parseInt, js.encodeURIComponent,
                js.structuredClone, js.Array, js.Map, js.Set, js.Date, js.Uint8Array]


def modest(value):
    """Numbers small enough that `Array(n)`, `Uint8Array(n)` or iterating `{length: n}`
    answer at once: the driver tests the bridge, not how long JS takes to fill 16 GB."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not abs(value) < 1e5:
        return 7
    return value


def ffi_operation():
    operation = rng.randrange(9)
    if operation == 0:
        # Not `length`: an object with a huge one takes JS minutes to iterate (Array.from).
        setattr(sandbox, rng.choice(JS_NAMES[1:]), modest(random_value(2)))
    elif operation == 1:
        return getattr(rng.choice([sandbox, window.document, js.Math, js.JSON, random_element()._dom_element]),
                       rng.choice(JS_NAMES))
    elif operation == 2:
        return rng.choice(JS_FUNCTIONS)(*[modest(random_value(1)) for _ in range(rng.randrange(3))])
    elif operation == 3:
        return ffi.to_js(random_value(2))
    elif operation == 4:
        value = ffi.to_js(random_value(2))
        return value.to_py() if hasattr(value, "to_py") else value
    elif operation == 5:
        proxy = ffi.create_proxy(rng.choice([lambda *args: args, lambda: 1 / 0, random_scalar()]))
        result = js.Reflect.apply(proxy, None, js.Array.of(*[random_value(0) for _ in range(2)]))
        proxy.destroy()
        return result
    elif operation == 6:
        value = rng.choice([sandbox, js.Array.of(1, 2, 3), js.Map.new(), js.Set.new(), root._dom_element])
        return [len(value) if rng.random() < 0.5 else bool(value), list(iter(value))[:3], dir(value)[:2]]
    elif operation == 7:
        return js.eval(rng.choice(["throw undefined", "throw null", "throw {a: 1}", "1",
                                   "[1, [2, [3]]]", "({get x() { throw new Error('g') }})"]))
    else:
        target = rng.choice([sandbox, js.Array.of(1, 2)])
        target[modest(rng.choice([0, -1, "k", 2**60, random_scalar()]))] = modest(random_value(1))
    return None


OPERATIONS = [construct, get_property, set_property, classes_operation, style_operation,
              options_operation, collection_operation, tree_operation, event_operation,
              ffi_operation, ffi_operation]

started = time.time()
def keep_the_page_small():
    """Clones and appends can double the tree again and again: start afresh when it grows."""
    if root._dom_element.getElementsByTagName("*").length > 3000:
        root._dom_element.replaceChildren()
    if root._dom_element.parentNode is None or not root._dom_element.isConnected:
        web.page.body.append(root)


trace = globals().get("FUZZ_TRACE", False)
slowest = [(0, 0, "", "")]
while calls < calls_wanted:
    if calls % 100 == 0:
        keep_the_page_small()
    operation = rng.choice(OPERATIONS)
    calls += 1
    if trace:
        print("FUZZ call", calls, operation.__name__, rng.getstate()[1][0])
    began = time.time()
    try:
        operation()
        outcome = "ok"
    except Exception as error:  # every failure must be an ordinary Python exception
        outcome = type(error).__name__
    took = time.time() - began
    if took > slowest[-1][0]:
        slowest = sorted(slowest + [(round(took, 3), calls, operation.__name__, outcome)], reverse=True)[:5]
    key = f"{operation.__name__}:{outcome}"
    outcomes[key] = outcomes.get(key, 0) + 1

summary = {
    "seed": FUZZ_SEED,  # noqa: F821
    "calls": calls,
    "seconds": round(time.time() - started, 1),
    "pwned": bool(getattr(window, "fuzzPwned", False)),
    "slowest": slowest,
    "outcomes": dict(sorted(outcomes.items())),
}
print("FUZZ " + json.dumps(summary))
