# A named worker: main calls what __export__ lists.
import sys


def version():
    return sys.version_info[:2]


def add(a, b):
    return a + b


def describe(value):
    return {"type": type(value).__name__, "value": value}


async def later(x):
    import asyncio

    await asyncio.sleep(0.01)
    return x * 2


def fail(message):
    raise ValueError(message)


__export__ = ["version", "add", "describe", "later", "fail"]
