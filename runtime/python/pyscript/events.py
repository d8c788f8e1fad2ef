"""`when`: Python functions as handlers of DOM events and of `pyscript.Event`s, and the
dispatch of `py-*`/`mpy-*` event attributes.

A handler is called with the event, or bare when it takes no parameters; a coroutine
function runs as a task of the page's event loop. An error in a DOM event handler is shown
on the page and in the console (the browser would only log it), and the page goes on.
"""

import _pyscript
from _pyscript import Event, JsProxy


def when(event_type=None, selector=None, handler=None, **options):
    """Registers `handler` (or the decorated function) for `event_type` on the elements
    `selector` names, or as a listener of a `pyscript.Event` (or a list of them).

    `options` are `addEventListener` options (`once`, `passive`, `capture`, `signal`).
    Returns the wrapper actually registered, which keeps the function's name and
    `__wrapped__`, so `@when` decorators can be stacked.
    """

    def register(function):
        if not callable(function):
            raise ValueError(f"an event handler must be callable, not {type(function).__name__}")
        wrapper = _handler_wrapper(function)
        events = _python_events(event_type)
        if events is not None:
            for event in events:
                event.add_listener(wrapper)
            return wrapper
        if not isinstance(event_type, str) or not event_type:
            raise TypeError(
                "when() needs an event type: a DOM event name such as 'click', "
                f"or a pyscript.Event, not {event_type!r}"
            )
        listener = listener_for(function)
        js_options = _pyscript.to_js(options) if options else None
        for node in _nodes(selector):
            if js_options is None:
                node.addEventListener(event_type, listener)
            else:
                node.addEventListener(event_type, listener, js_options)
        return wrapper

    if handler is not None:
        return register(handler)
    return register


def _python_events(event_type):
    """The `pyscript.Event`s `event_type` names, or None for a DOM event name."""
    if isinstance(event_type, Event):
        return [event_type]
    if isinstance(event_type, (list, tuple)) and event_type and all(isinstance(e, Event) for e in event_type):
        return list(event_type)
    return None


# The script a handler belongs to: `display()` and `current_target()` in a handler mean the
# script that registered it, whichever script ran last (tasks it starts copy this too).
_script_target = _pyscript.script_target


def _handler_wrapper(function):
    # Imported here, not at the top: `functools` brings `collections` and compiles a
    # namedtuple, work that every page's start-up would pay for before its first `when`.
    import functools

    takes_event = _pyscript.takes_arguments(function)
    target = _script_target.get()

    @functools.wraps(function)
    def wrapper(*args):
        token = _script_target.set(target) if _script_target.get() != target else None
        try:
            result = function(*args[:1]) if takes_event else function()
            return _run_if_awaitable(result)
        finally:
            if token is not None:
                _script_target.reset(token)

    return wrapper


def _run_if_awaitable(result):
    """A coroutine handler runs as a task, started at once: up to its first `await` it runs
    inside the event's dispatch, so `event.preventDefault()` there still counts. An error
    in it is reported when the task ends."""
    if result is None:
        return None
    if hasattr(type(result), "__await__") and not isinstance(result, JsProxy):
        import asyncio

        import _pyscript_loop

        loop = _pyscript_loop.install()
        if asyncio.iscoroutine(result):
            task = asyncio.Task(result, loop=loop, eager_start=True)
        else:
            task = asyncio.ensure_future(result, loop=loop)
        task.add_done_callback(_report_failure)
        return task
    return result


def _report_failure(task):
    if not task.cancelled() and task.exception() is not None:
        _report(task.exception())


def _report(error):
    """Shows `error` on the page, its traceback starting at the page author's code."""
    traceback = error.__traceback__
    while traceback is not None and traceback.tb_frame.f_globals.get("__name__") == __name__:
        traceback = traceback.tb_next
    _pyscript.report_exception(error.with_traceback(traceback))


def listener_for(function):
    """The function to give the browser for a handler (`addEventListener`, `ws.onmessage`):
    one Python frame between the browser and the handler (this runs for every event), a
    coroutine run as a task, errors reported on the page instead of thrown into JS."""
    takes_event = _pyscript.takes_arguments(function)
    target = _script_target.get()

    def listener(event):
        # Set only when another script's target is current: setting costs a token each time.
        token = _script_target.set(target) if _script_target.get() != target else None
        try:
            result = function(event) if takes_event else function()
            if result is not None:
                _run_if_awaitable(result)
        except BaseException as error:
            _report(error)
        finally:
            if token is not None:
                _script_target.reset(token)

    return listener


def _nodes(selector):
    """The DOM nodes `selector` names, resolved once, now."""
    if selector is None or (isinstance(selector, str) and not selector.strip()):
        raise ValueError("Selector required for DOM event handling.")
    if isinstance(selector, str):
        nodes = list(_pyscript.window.document.querySelectorAll(selector))
        if not nodes:
            raise ValueError(f"No elements found for selector: {selector}")
        return nodes
    node = getattr(selector, "_dom_element", None)
    if node is not None:
        return [node]
    if isinstance(selector, JsProxy) and hasattr(selector, "addEventListener"):
        return [selector]
    try:
        items = list(selector)
    except TypeError:
        raise TypeError(
            "when() selector must be a CSS selector, a pyscript.web element or collection, "
            f"a DOM node or a list of them, not {type(selector).__name__}"
        ) from None
    nodes = [getattr(item, "_dom_element", item) for item in items]
    for node in nodes:
        if not (isinstance(node, JsProxy) and hasattr(node, "addEventListener")):
            raise TypeError(f"when() cannot listen to {node!r}: not a DOM node or pyscript.web element")
    if not nodes:
        raise ValueError(f"No elements found for selector: {selector!r}")
    return nodes


def _handle_attribute(attribute, name, event):
    """Called by the bootstrap when the event of a `py-<event>="name"` attribute fires:
    `name` is a global of `__main__` (dotted names reach attributes), never evaluated."""
    try:
        handler = _resolve_attribute_handler(attribute, name)
    except BaseException as error:
        _report(error)
        return
    listener_for(handler)(event)


def _resolve_attribute_handler(attribute, name):
    import __main__

    parts = name.strip().split(".")
    if not all(part.isidentifier() for part in parts):
        raise ValueError(
            f'{attribute}="{name}" must name a function (for example {attribute}="handler"); '
            "the value is never evaluated as code"
        )
    namespace = vars(__main__)
    if parts[0] not in namespace:
        raise NameError(f"name '{parts[0]}' is not defined (named by {attribute}=\"{name}\")")
    handler = namespace[parts[0]]
    for part in parts[1:]:
        handler = getattr(handler, part)
    if not callable(handler):
        raise TypeError(f'{attribute}="{name}" names a {type(handler).__name__}, which is not callable')
    return handler


__all__ = ["Event", "when"]
