import asyncio
import js

print("src file before await")
await asyncio.sleep(0)
value = await js.Promise.resolve("from a promise")
print("src file after await:", value)


async def explode():
    await asyncio.sleep(0)
    raise LookupError("raised after an await in a src file")


await explode()
