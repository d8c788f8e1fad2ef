// The page bootstrap: script forms, order, sources, output elements, events, config.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

describe("script forms", () => {
  test("all four tags run, in document order, with one interpreter per type", async () => {
    const page = await openPage(
      pyPage(`
<script type="py">order = ["py 1"]</script>
<mpy-script>order = ["mpy 1"]</mpy-script>
<py-script>order.append("py 2")</py-script>
<script type="mpy">order.append("mpy 2")</script>
<script type="py">print("py globals:", order)</script>
<script type="mpy">print("mpy globals:", order)</script>`),
    );
    assert.deepEqual(page.logs(), ["py globals: ['py 1', 'py 2']", "mpy globals: ['mpy 1', 'mpy 2']"]);
    await page.close();
  });

  test("a script added to the DOM later runs too", async () => {
    const page = await openPage(
      pyPage(`
<script type="py">
    from pyscript import document
    late = document.createElement("script")
    late.type = "py"
    late.textContent = "from pyscript import display\\ndisplay('late script ran', target='out')"
    document.body.append(late)
</script>
<div id="out"></div>`),
      { waitFor: "document.querySelector('#out')?.textContent === 'late script ran'" },
    );
    assert.equal(await page.text("#out"), "late script ran");
    await page.close();
  });

  test("inline code is dedented and keeps its line numbers", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
        if True:
            print("indented", "code")
        missing_name
</script>`),
    );
    assert.deepEqual(page.logs(), ["indented code"]);
    const [error] = await page.errors();
    assert.match(error, /line 4/);
    assert.match(error, /NameError: name 'missing_name' is not defined/);
    await page.close();
  });

  test("<py-script> with HTML inside runs its unescaped markup as code", async () => {
    const page = await openPage(pyPage(`<py-script>print("a < b" if 1 < 2 else "<b>no</b>")</py-script>`));
    assert.deepEqual(page.logs(), ["a < b"]);
    await page.close();
  });
});

describe("src", () => {
  test("src= runs the file, relative to the page", async () => {
    const page = await openPage(pyPage(`<script type="py" src="files/hello.py"></script>`));
    assert.equal(await page.text("script-py"), "hello from src");
    await page.close();
  });

  test("a missing src file is a visible error naming the URL", async () => {
    const page = await openPage(pyPage(`<script type="py" src="files/nope.py"></script><script type="py">print("next")</script>`));
    const [error] = await page.errors();
    assert.match(error, /PY0404.*files\/nope\.py.*404/);
    assert.deepEqual(page.logs(), ["next"]);
    await page.close();
  });

  test("src= plus inline code is an error and runs neither", async () => {
    const page = await openPage(pyPage(`<script type="py" src="files/hello.py">print("inline")</script>`));
    const [error] = await page.errors();
    assert.match(error, /PY0409.*both src="files\/hello\.py" and inline code/);
    assert.deepEqual(page.logs(), []);
    assert.equal(await page.page.locator("script-py").count(), 0);
    await page.close();
  });
});

describe("output element and current_target()", () => {
  test("the spec's current_target() example", async () => {
    const page = await openPage(
      pyPage(`
<mpy-script id="explicit-id">
    from pyscript import display, current_target
    display(f"current_target(): {current_target()}")
</mpy-script>
<mpy-script>
    from pyscript import display, current_target
    display(f"current_target(): {current_target()}")
</mpy-script>
<script type="mpy">
    from pyscript import display, current_target
    display(f"current_target(): {current_target()}")
</script>`),
    );
    assert.equal(await page.text("#explicit-id"), "current_target(): explicit-id");
    assert.equal(await page.text("#mpy-0"), "current_target(): mpy-0");
    assert.equal(await page.page.evaluate(() => document.querySelector("#mpy-0").localName), "mpy-script");
    const companion = await page.page.evaluate(() => {
      const script = document.querySelector("script[type=mpy]");
      return { tag: script.nextElementSibling.localName, id: script.nextElementSibling.id, html: script.nextElementSibling.innerHTML };
    });
    assert.deepEqual(companion, { tag: "script-py", id: "mpy-1", html: "<div>current_target(): mpy-1</div>" });
    await page.close();
  });

  test("<py-script> is emptied of its source and shown as a block", async () => {
    const page = await openPage(pyPage(`<py-script>from pyscript import display; display("shown")</py-script>`));
    const state = await page.page.evaluate(() => {
      const element = document.querySelector("py-script");
      return { html: element.innerHTML, display: getComputedStyle(element).display };
    });
    assert.deepEqual(state, { html: "<div>shown</div>", display: "block" });
    await page.close();
  });

  test("target= names the output element by id, else by CSS selector", async () => {
    const page = await openPage(
      pyPage(`
<script type="py" target="by-id">from pyscript import display; display("one", append=False)</script>
<script type="py" target=".by-selector">from pyscript import display, current_target; display(current_target())</script>
<h1 id="by-id"></h1><h2 class="by-selector"></h2>`),
    );
    assert.equal(await page.html("#by-id"), "one");
    assert.equal(await page.html(".by-selector"), "<div>py-0</div>");
    assert.equal(await page.page.locator("script-py").count(), 0);
    await page.close();
  });

  test("a script in <head> writes to a companion at the end of <body>", async () => {
    const page = await openPage(
      pyPage(`<p>content</p>`, { head: `<script type="py">from pyscript import display; display("from head")</script>` }),
    );
    const last = await page.page.evaluate(() => [document.body.lastElementChild.localName, document.body.lastElementChild.textContent]);
    assert.deepEqual(last, ["script-py", "from head"]);
    await page.close();
  });

  test("document.currentScript is the running script", async () => {
    const page = await openPage(pyPage(`<script type="py" id="me">from pyscript import document; print(document.currentScript.id)</script>`));
    assert.deepEqual(page.logs(), ["me"]);
    assert.equal(await page.page.evaluate(() => document.currentScript), null);
    await page.close();
  });
});

describe("lifecycle events", () => {
  test("ready and done bubble from each script, done also after an error; all-done once at the end", async () => {
    const page = await openPage(
      pyPage(`
<script>
  window.events = [];
  for (const name of ["py:ready", "py:done", "mpy:ready", "mpy:done"]) {
    document.addEventListener(name, (event) => events.push(name + " " + event.target.id + " worker=" + event.detail.worker));
  }
  addEventListener("py:all-done", () => events.push("all-done"));
</script>
<script type="py" id="a">print("a")</script>
<script type="mpy" id="b">1/0</script>
<script type="py" id="c">print("c")</script>`),
    );
    assert.deepEqual(await page.page.evaluate(() => window.events), [
      "py:ready a worker=false",
      "py:done a worker=false",
      "mpy:ready b worker=false",
      "mpy:done b worker=false",
      "py:ready c worker=false",
      "py:done c worker=false",
      "all-done",
    ]);
    await page.close();
  });

  test("the exported allDone promise settles after the last script", async () => {
    const page = await openPage(
      pyPage(`
<script type="module">
  import { allDone } from "/dist/core.js";
  allDone.then(() => { document.body.dataset.finished = document.querySelectorAll("script-py").length; });
</script>
<script type="py">print(1)</script><script type="py">print(2)</script>`),
      { waitFor: "document.body.dataset.finished !== undefined" },
    );
    assert.equal(await page.page.evaluate(() => document.body.dataset.finished), "2");
    await page.close();
  });
});

describe("config", () => {
  const showConfig = `<script type="py" CONFIG>from pyscript import config; print(sorted(config.items()))</script>`;

  test("without a config, config is {'type': ...}", async () => {
    const page = await openPage(pyPage(showConfig.replace("CONFIG", "") + showConfig.replace("CONFIG", "").replaceAll('"py"', '"mpy"')));
    assert.deepEqual(page.logs(), ["[('type', 'py')]", "[('type', 'mpy')]"]);
    await page.close();
  });

  test("inline JSON and inline TOML in the config attribute", async () => {
    const page = await openPage(
      pyPage(
        showConfig.replace("CONFIG", `config='{"name": "json", "list": [1, 2]}'`) +
          showConfig.replace("CONFIG", `config='name = "toml"'`).replaceAll('"py"', '"mpy"'),
      ),
    );
    assert.deepEqual(page.logs(), ["[('list', [1, 2]), ('name', 'json'), ('type', 'py')]", "[('name', 'toml'), ('type', 'mpy')]"]);
    await page.close();
  });

  test("a .json or .toml URL in the config attribute", async () => {
    const page = await openPage(
      pyPage(
        showConfig.replace("CONFIG", `config="files/config.json"`) +
          showConfig.replace("CONFIG", `config="files/config.toml?v=1"`).replaceAll('"py"', '"mpy"'),
      ),
    );
    assert.deepEqual(page.logs(), [
      "[('files', {'./data.txt': 'data.txt'}), ('name', 'from a JSON file'), ('type', 'py')]",
      "[('name', 'from a TOML file'), ('nested', {'answer': 42}), ('type', 'mpy')]",
    ]);
    await page.close();
  });

  test("<py-config> inline and with src", async () => {
    const page = await openPage(
      pyPage(`<py-config>name = "tag"</py-config><mpy-config src="files/config.json"></mpy-config>` +
        showConfig.replace("CONFIG", "") + showConfig.replace("CONFIG", "").replaceAll('"py"', '"mpy"')),
    );
    assert.deepEqual(page.logs(), [
      "[('name', 'tag'), ('type', 'py')]",
      "[('files', {'./data.txt': 'data.txt'}), ('name', 'from a JSON file'), ('type', 'mpy')]",
    ]);
    await page.close();
  });

  test("conflicting configs are a visible error and the type does not run", async () => {
    for (const [body, message] of [
      [`<py-config>a = 1</py-config><py-config>a = 2</py-config>`, /PY0409.*Too many <py-config>/],
      [`<py-config>a = 1</py-config><script type="py" config="a = 1"></script>`, /PY0409.*Ambiguous/],
      [`<script type="py" config="a = 1"></script><script type="py" config="a = 2"></script>`, /PY0409.*Unable to use different configs on main/],
    ]) {
      const page = await openPage(pyPage(body + showConfig.replace("CONFIG", "") + `<script type="mpy">print("mpy still runs")</script>`));
      const errors = await page.errors();
      assert.equal(errors.length, 1, `one error for ${body}`);
      assert.match(errors[0], message);
      assert.deepEqual(page.logs(), ["mpy still runs"]);
      await page.close();
    }
  });

  test("unparsable configs and bad URLs are PY1000 errors", async () => {
    for (const [attribute, message] of [
      [`config='{"a": }'`, /PY1000.*Invalid JSON[\s\S]*JSONDecodeError/],
      [`config='a = = 1'`, /PY1000.*Invalid TOML[\s\S]*TOMLDecodeError/],
      [`config="files/config.txt"`, /PY1000.*Invalid URL: files\/config\.txt/],
      [`config="files/missing.toml"`, /PY1000.*Invalid URL: .*files\/missing\.toml[\s\S]*404/],
    ]) {
      const page = await openPage(pyPage(showConfig.replace("CONFIG", attribute)));
      const errors = await page.errors();
      assert.equal(errors.length, 1, attribute);
      assert.match(errors[0], message);
      await page.close();
    }
  });

  test('plugins = ["!error"] keeps errors off the page but in the console', async () => {
    const page = await openPage(pyPage(`<script type="py" config='{"plugins": ["!error"]}'>1/0</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.ok(page.console.some((message) => message.type === "error" && message.text.includes("ZeroDivisionError")));
    await page.close();
  });
});
