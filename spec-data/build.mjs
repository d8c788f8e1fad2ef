// Builds html-elements.json from the pinned W3C webref packages.
//
//   npm ci && node build.mjs
//
// Reads:  @webref/elements/html.json   (elements, their interface, spec link, obsolete flag)
//         @webref/idl/*.idl            (html.idl, dom.idl + a short allowlist of other specs)
//         html-void-elements           (which elements are void)
// Writes: html-elements.json           (deterministic: same input, byte-identical output)
//
// See README.md for the derivation rules. Node 20, ESM, no dependencies beyond the pinned ones.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'webidl2';
import { htmlVoidElements } from 'html-void-elements';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'html-elements.json');

// ---------------------------------------------------------------------------------------------
// Configuration

const PACKAGES = ['@webref/elements', '@webref/idl', 'webidl2', 'html-void-elements'];

// The two core IDL files; attributes from them carry no "spec" key.
const CORE_IDL = ['html', 'dom'];

// Other @webref/idl files whose partials/mixins add ATTRIBUTES (or event handlers) to the
// interfaces we keep. Only these are merged; every other file's contribution is skipped and
// listed on stderr when the script runs, so an upstream addition shows up for review.
// Criterion: a standard (or de-facto standard) feature shipped by at least one major engine
// and useful from Python; experimental / single-vendor-incubation specs are left out.
const EXTRA_IDL = {
  'cssom': 'style (ElementCSSInlineStyle), sheet (LinkStyle)',
  'cssom-view': 'scrollTop/Left/Width/Height, clientTop/Left/Width/Height, currentCSSZoom, offset*, img x/y',
  'css-shadow': 'Element.part',
  'css-typed-om': 'attributeStyleMap',
  'wai-aria': 'role and aria* reflected attributes (ARIAMixin)',
  'virtual-keyboard': 'virtualKeyboardPolicy (ElementContentEditable)',
  'html-media-capture': 'input capture',
  'entries-api': 'input webkitdirectory, webkitEntries',
  'encrypted-media': 'media mediaKeys; encrypted/waitingforkey events',
  'remote-playback': 'media remote, disableRemotePlayback',
  'audio-output': 'media sinkId',
  'picture-in-picture': 'video disablePictureInPicture; enter/leavepictureinpicture events',
  'fullscreen': 'fullscreenchange/fullscreenerror events',
  'pointerevents': 'pointer* events',
  'touch-events': 'touch* events',
  'css-animations': 'animation* events',
  'css-transitions': 'transition* events',
  'selection-api': 'selectstart/selectionchange events',
  'gamepad': 'gamepadconnected/gamepaddisconnected events (WindowEventHandlers)',
  'compat': 'body orientationchange event',
};

// Interfaces shared by many elements (or by none directly) get their own spec link.
const INTERFACE_HREF = {
  EventTarget: 'https://dom.spec.whatwg.org/#interface-eventtarget',
  Node: 'https://dom.spec.whatwg.org/#interface-node',
  Element: 'https://dom.spec.whatwg.org/#interface-element',
  HTMLElement: 'https://html.spec.whatwg.org/multipage/dom.html#htmlelement',
  HTMLUnknownElement: 'https://html.spec.whatwg.org/multipage/dom.html#htmlunknownelement',
  HTMLMediaElement: 'https://html.spec.whatwg.org/multipage/media.html#htmlmediaelement',
};

// The DOM Standard states reflection in prose only (no [Reflect] markers in dom.idl or
// css-shadow.idl). These are the reflecting attributes of the kept DOM interfaces.
const PROSE_REFLECT = {
  'Element.id': 'id',
  'Element.className': 'class',
  'Element.classList': 'class',
  'Element.slot': 'slot',
  'Element.part': 'part',
};

// Mixins whose event handlers all go to "events", whether or not an element reaches them.
const EVENT_MIXINS = ['GlobalEventHandlers', 'WindowEventHandlers', 'DocumentAndElementEventHandlers'];
const EVENT_HANDLER_TYPES = new Set(['EventHandler', 'OnErrorEventHandler', 'OnBeforeUnloadEventHandler']);

// Extended attributes of the [Reflect] family (WHATWG HTML "Reflecting content attributes in
// IDL attributes"). The first one present gives reflect.kind.
const isReflectFamily = (name) => /^Reflect/.test(name) && name !== 'ReflectDefault' && name !== 'ReflectRange';

// ---------------------------------------------------------------------------------------------
// Inputs

const pkgDir = (name) => path.join(here, 'node_modules', name);
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

const sources = {};
for (const name of PACKAGES) sources[name] = readJson(path.join(pkgDir(name), 'package.json')).version;

const htmlElements = readJson(path.join(pkgDir('@webref/elements'), 'html.json')).elements;
const voidSet = new Set(htmlVoidElements);

const idlDir = pkgDir('@webref/idl');
const idlFiles = fs.readdirSync(idlDir).filter((f) => f.endsWith('.idl')).map((f) => f.slice(0, -4)).sort();
for (const f of [...CORE_IDL, ...Object.keys(EXTRA_IDL)]) {
  if (!idlFiles.includes(f)) throw new Error(`@webref/idl has no ${f}.idl`);
}

// Every definition of every IDL file, tagged with its file and its position in that file.
const defs = [];
for (const file of idlFiles) {
  parse(fs.readFileSync(path.join(idlDir, `${file}.idl`), 'utf8')).forEach((def, index) => defs.push({ file, index, def }));
}
const isKept = (file) => CORE_IDL.includes(file) || file in EXTRA_IDL;

// Base (non-partial) interfaces, interface mixins and enums, by name.
const baseOf = new Map();
const enumDefs = new Map();
for (const d of defs) {
  const { type, partial, name } = d.def;
  if ((type === 'interface' || type === 'interface mixin') && !partial) {
    if (baseOf.has(name)) throw new Error(`${name} defined twice`);
    baseOf.set(name, d);
  } else if (type === 'enum') {
    enumDefs.set(name, d.def.values.map((v) => v.value));
  }
}

// ---------------------------------------------------------------------------------------------
// Elements

const elements = htmlElements
  .map((e) => ({
    tag: e.name,
    interface: e.interface,
    void: voidSet.has(e.name),
    obsolete: e.obsolete === true,
    href: e.href,
  }))
  .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
for (let i = 1; i < elements.length; i++) {
  if (elements[i].tag === elements[i - 1].tag) throw new Error(`duplicate element ${elements[i].tag}`);
}

// ---------------------------------------------------------------------------------------------
// Obsolete members
//
// webref's IDL carries no per-definition spec links, so "obsolete" is positional: html.idl is
// extracted in document order, and the HTML Standard's "Obsolete features" section (16) is where
// the obsolete-only interfaces (HTMLMarqueeElement, HTMLFrameSetElement, HTMLFrameElement,
// HTMLDirectoryElement, HTMLFontElement, HTMLParamElement) and every obsolete
// "partial interface HTMLxxxElement" block are defined. Everything in html.idl from the first
// obsolete-only interface onward is obsolete.

const currentInterfaces = new Set(elements.filter((e) => !e.obsolete).map((e) => e.interface));
const obsoleteOnly = new Set(
  elements.filter((e) => e.obsolete && !currentInterfaces.has(e.interface) && e.interface !== 'HTMLUnknownElement')
    .map((e) => e.interface),
);
const obsoleteStart = Math.min(
  ...defs.filter((d) => d.file === 'html' && d.def.type === 'interface' && !d.def.partial && obsoleteOnly.has(d.def.name))
    .map((d) => d.index),
);
if (!Number.isFinite(obsoleteStart)) throw new Error('cannot locate the obsolete section of html.idl');
for (const d of defs) {
  // Sanity check: HTML's non-obsolete IDL never uses partial interfaces for element interfaces.
  if (d.file === 'html' && d.def.partial && /^HTML.*Element$/.test(d.def.name) && d.index < obsoleteStart) {
    throw new Error(`partial interface ${d.def.name} before the obsolete section: check the obsolete rule`);
  }
}
const isObsoleteDef = (d) => d.file === 'html' && d.index >= obsoleteStart;

// ---------------------------------------------------------------------------------------------
// Interfaces reachable from the elements

const reachable = new Set();
for (const e of elements) {
  for (let name = e.interface; name; name = baseOf.get(name)?.def.inheritance ?? null) {
    if (!baseOf.has(name)) throw new Error(`no IDL for interface ${name}`);
    reachable.add(name);
  }
}

// Files are ranked so that contributions come in a stable, natural order: the file of the base
// definition first, then the other core file, then the extra specs alphabetically.
const rankFor = (baseFile) => (d) => [d.file === baseFile ? 0 : CORE_IDL.includes(d.file) ? 1 : 2, d.file, d.index];
const byRank = (rank) => (a, b) => {
  const ra = rank(a), rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
  return 0;
};

const skipped = new Map(); // file -> [descriptions], for the stderr report
const noteSkipped = (d, what) => {
  if (!skipped.has(d.file)) skipped.set(d.file, []);
  skipped.get(d.file).push(what);
};

// All definitions (base first, then partials) of an interface or mixin, from kept files.
function definitionsOf(name, kind) {
  const base = baseOf.get(name);
  if (!base || base.def.type !== kind) throw new Error(`${name} is not a ${kind}`);
  if (!isKept(base.file)) throw new Error(`${name} is defined in ${base.file}.idl, which is not kept`);
  const partials = defs.filter((d) => d.def.type === kind && d.def.partial && d.def.name === name);
  const kept = partials.filter((d) => {
    if (isKept(d.file)) return true;
    const attrs = d.def.members.filter((m) => m.type === 'attribute').map((m) => m.name);
    if (attrs.length) noteSkipped(d, `${name}: ${attrs.join(', ')}`);
    return false;
  });
  return [base, ...kept.sort(byRank(rankFor(base.file)))];
}

// Own definitions and included mixins of an interface, in order, with the name for "from".
function contributionsOf(name) {
  const own = definitionsOf(name, 'interface');
  const includes = defs.filter((d) => d.def.type === 'includes' && d.def.target === name).filter((d) => {
    if (isKept(d.file)) return true;
    noteSkipped(d, `${name} includes ${d.def.includes}`);
    return false;
  });
  const base = own[0];
  const ordered = [...own.slice(1), ...includes].sort(byRank(rankFor(base.file)));
  const out = [{ from: name, def: base }];
  for (const d of ordered) {
    if (d.def.type === 'includes') {
      for (const m of definitionsOf(d.def.includes, 'interface mixin')) out.push({ from: d.def.includes, def: m });
    } else {
      out.push({ from: name, def: d });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Types, reflection, attributes

// IDL text of a type, e.g. "FrozenArray<Element>?". (webidl2 types expose their fields as
// getters, so they must not be copied with object spread.)
function typeString(t, withNullable = true) {
  let s;
  if (t.union) s = `(${t.idlType.map(typeString).join(' or ')})`;
  else if (t.generic) s = `${t.generic}<${t.idlType.map(typeString).join(', ')}>`;
  else s = t.idlType;
  return withNullable && t.nullable ? `${s}?` : s;
}

function convertType(t) {
  if (t.union) return { union: t.idlType.map(typeString), nullable: t.nullable };
  if (t.generic) return { name: typeString(t, false), nullable: t.nullable };
  return { name: t.idlType, nullable: t.nullable };
}

// Every named type anywhere inside an IDL type (for the enum table).
function namedTypes(t, out = []) {
  if (typeof t.idlType === 'string') out.push(t.idlType);
  else t.idlType.forEach((inner) => namedTypes(inner, out));
  return out;
}

function rhsValue(rhs) {
  switch (rhs.type) {
    case 'integer': return Number.parseInt(rhs.value, rhs.value.startsWith('0x') ? 16 : 10);
    case 'decimal': return Number(rhs.value);
    case 'string': return JSON.parse(rhs.value);
    case 'identifier': return rhs.value;
    case 'integer-list': return rhs.value.map((v) => rhsValue({ type: 'integer', value: v.value }));
    case 'decimal-list': return rhs.value.map((v) => rhsValue({ type: 'decimal', value: v.value }));
    default: throw new Error(`unsupported extended attribute value ${JSON.stringify(rhs)}`);
  }
}

function reflectOf(owner, member) {
  const ext = member.extAttrs;
  const family = ext.filter((x) => isReflectFamily(x.name));
  if (family.length === 0) {
    const prose = PROSE_REFLECT[`${owner}.${member.name}`];
    return prose ? { kind: 'Reflect', attribute: prose } : null;
  }
  const named = family.find((x) => x.rhs);
  const reflect = {
    kind: family[0].name,
    attribute: named ? rhsValue(named.rhs) : member.name.toLowerCase(),
  };
  const dflt = ext.find((x) => x.name === 'ReflectDefault');
  if (dflt) reflect.default = rhsValue(dflt.rhs);
  const range = ext.find((x) => x.name === 'ReflectRange');
  if (range) reflect.range = rhsValue(range.rhs);
  if (family.some((x) => x.name === 'ReflectNonNegative')) reflect.nonNegative = true;
  if (family.some((x) => x.name === 'ReflectPositive' || x.name === 'ReflectPositiveWithFallback')) reflect.positive = true;
  return reflect;
}

const isEventHandler = (m) => m.type === 'attribute' && EVENT_HANDLER_TYPES.has(m.idlType.idlType);
const events = new Set();
const eventName = (m) => {
  if (!m.name.startsWith('on')) throw new Error(`event handler ${m.name} does not start with "on"`);
  return m.name.slice(2);
};

const interfaces = {};
const usedEnums = new Set();
for (const name of [...reachable].sort()) {
  const attributes = [];
  for (const { from, def: d } of contributionsOf(name)) {
    for (const m of d.def.members) {
      if (m.type !== 'attribute' || m.special === 'static') continue;
      if (isEventHandler(m)) { events.add(eventName(m)); continue; }
      if (attributes.some((a) => a.name === m.name)) throw new Error(`${name}.${m.name} defined twice`);
      const attr = {
        name: m.name,
        type: convertType(m.idlType),
        readonly: m.readonly === true,
        reflect: reflectOf(from, m),
        from,
        obsolete: isObsoleteDef(d),
      };
      if (!CORE_IDL.includes(d.file)) attr.spec = d.file;
      attributes.push(attr);
      for (const t of namedTypes(m.idlType)) if (enumDefs.has(t)) usedEnums.add(t);
    }
  }
  const base = baseOf.get(name).def;
  const firstElement = elements.filter((e) => e.interface === name).sort((a, b) => a.obsolete - b.obsolete)[0];
  interfaces[name] = {
    inherits: base.inheritance ?? null,
    href: INTERFACE_HREF[name] ?? firstElement?.href ?? null,
    attributes,
  };
  if (!interfaces[name].href) throw new Error(`no href for ${name}`);
}

// Event handlers of the event mixins (all kept partials), whether or not an element reaches them.
for (const mixin of EVENT_MIXINS) {
  if (!baseOf.has(mixin)) continue; // e.g. DocumentAndElementEventHandlers, folded into GlobalEventHandlers
  for (const d of definitionsOf(mixin, 'interface mixin')) {
    for (const m of d.def.members) if (isEventHandler(m)) events.add(eventName(m));
  }
}

const enums = {};
for (const name of [...usedEnums].sort()) enums[name] = enumDefs.get(name);

// ---------------------------------------------------------------------------------------------
// Output: 2-space JSON, one element / attribute / event per line, keys in a fixed order.

const j = (v) => JSON.stringify(v, null, 0).replace(/,"/g, ', "').replace(/":/g, '": ');
const lines = [];
lines.push('{');
lines.push(`  "sources": ${j(sources)},`);
lines.push('  "elements": [');
elements.forEach((e, i) => lines.push(`    ${j(e)}${i < elements.length - 1 ? ',' : ''}`));
lines.push('  ],');
lines.push('  "interfaces": {');
const names = Object.keys(interfaces);
names.forEach((name, i) => {
  const { inherits, href, attributes } = interfaces[name];
  lines.push(`    ${JSON.stringify(name)}: {`);
  lines.push(`      "inherits": ${JSON.stringify(inherits)},`);
  lines.push(`      "href": ${JSON.stringify(href)},`);
  if (attributes.length === 0) {
    lines.push('      "attributes": []');
  } else {
    lines.push('      "attributes": [');
    attributes.forEach((a, k) => lines.push(`        ${j(a)}${k < attributes.length - 1 ? ',' : ''}`));
    lines.push('      ]');
  }
  lines.push(`    }${i < names.length - 1 ? ',' : ''}`);
});
lines.push('  },');
const enumNames = Object.keys(enums);
if (enumNames.length === 0) {
  lines.push('  "enums": {},');
} else {
  lines.push('  "enums": {');
  enumNames.forEach((name, i) => lines.push(`    ${JSON.stringify(name)}: ${j(enums[name])}${i < enumNames.length - 1 ? ',' : ''}`));
  lines.push('  },');
}
const eventList = [...events].sort();
lines.push('  "events": [');
eventList.forEach((ev, i) => lines.push(`    ${JSON.stringify(ev)}${i < eventList.length - 1 ? ',' : ''}`));
lines.push('  ]');
lines.push('}');
const text = `${lines.join('\n')}\n`;

JSON.parse(text); // must be valid JSON
fs.writeFileSync(OUT, text);

// ---------------------------------------------------------------------------------------------
// Report (stderr only; not part of the output)

const attrCount = Object.values(interfaces).reduce((n, i) => n + i.attributes.length, 0);
console.error(`wrote ${path.relative(process.cwd(), OUT) || OUT}: ${elements.length} elements `
  + `(${elements.filter((e) => e.obsolete).length} obsolete), ${names.length} interfaces, ${attrCount} attributes, `
  + `${enumNames.length} enums, ${eventList.length} events, ${text.length} bytes`);
console.error(`obsolete section of html.idl starts at interface ${defs.find((d) => d.file === 'html' && d.index === obsoleteStart).def.name}`);
for (const file of [...skipped.keys()].sort()) {
  console.error(`skipped ${file}.idl: ${[...new Set(skipped.get(file))].join('; ')}`);
}
