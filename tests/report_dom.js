/* The report's page script under node, with a small DOM of our own: for the tests of what the
 * pages show (tests/test_report.py) where no browser is installed.  The real-browser test is
 * tests/test_report_browser.py.
 *
 *   node tests/report_dom.js SITE ROUTE  < CHECK
 *
 * opens SITE/index.html#ROUTE, waits until the page is drawn, runs CHECK (the body of an async
 * function; it may call go(route), type(element, text), click(element) and visibleText(node))
 * and prints {"value": what CHECK returned, "errors": [console errors and uncaught ones]}.
 * Only what report.js uses is here: elements, text, attributes, classList, dataset, value and
 * checked, events, and querySelector(All) with tag, #id, .class and [attr], [attr=v],
 * [attr^=v] parts joined by spaces.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, route] = process.argv.slice(2);
const errors = [];

class Event {
  constructor(type) { this.type = type; this.target = null; }
}

class DomNode {
  constructor() { this.parentNode = null; this.childNodes = []; }
}

class Text extends DomNode {
  constructor(data) { super(); this.data = String(data); }
  get textContent() { return this.data; }
  set textContent(value) { this.data = String(value); }
  cloneNode() { return new Text(this.data); }
}

const kebab = (key) => key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

class Element extends DomNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.listeners = {};
  }

  get children() { return this.childNodes.filter((c) => c instanceof Element); }
  setAttribute(key, value) { this.attributes.set(key, String(value)); }
  getAttribute(key) { return this.attributes.has(key) ? this.attributes.get(key) : null; }
  hasAttribute(key) { return this.attributes.has(key); }
  removeAttribute(key) { this.attributes.delete(key); }
  get id() { return this.getAttribute("id") || ""; }
  get href() { return this.getAttribute("href") || ""; }
  get src() { return this.getAttribute("src") || ""; }
  set src(value) { this.setAttribute("src", value); }

  get classList() {
    const names = () => (this.getAttribute("class") || "").split(/\s+/).filter(Boolean);
    const set = (list) => this.setAttribute("class", list.join(" "));
    return {
      contains: (c) => names().includes(c),
      add: (...cs) => set([...names(), ...cs.filter((c) => !names().includes(c))]),
      remove: (...cs) => set(names().filter((c) => !cs.includes(c))),
      toggle: (c, force) => {
        const on = force === undefined ? !names().includes(c) : Boolean(force);
        set(on ? [...names().filter((n) => n !== c), c] : names().filter((n) => n !== c));
        return on;
      },
    };
  }

  get dataset() {
    return new Proxy({}, {
      get: (_, key) => (typeof key === "string" ? this.getAttribute("data-" + kebab(key)) ?? undefined : undefined),
      set: (_, key, value) => { this.setAttribute("data-" + kebab(key), value); return true; },
      deleteProperty: (_, key) => { this.removeAttribute("data-" + kebab(key)); return true; },
    });
  }

  get hidden() { return this.hasAttribute("hidden"); }
  set hidden(on) { if (on) this.setAttribute("hidden", ""); else this.removeAttribute("hidden"); }

  get value() {
    if (this.tagName === "SELECT") {
      const options = this.querySelectorAll("option");
      const chosen = options.find((o) => o.selected) || options[0];
      return chosen ? chosen.value : "";
    }
    if (this._value !== undefined) return this._value;
    const given = this.getAttribute("value");
    return given === null && this.tagName === "OPTION" ? this.textContent : given ?? "";
  }

  set value(v) {
    if (this.tagName === "SELECT") this.querySelectorAll("option").forEach((o) => { o._selected = o.value === String(v); });
    else this._value = String(v);
  }

  get checked() { return this._checked !== undefined ? this._checked : this.hasAttribute("checked"); }
  set checked(on) { this._checked = Boolean(on); }
  get selected() { return this._selected !== undefined ? this._selected : this.hasAttribute("selected"); }

  get textContent() { return this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(value) { this.replaceChildren(...(String(value) ? [String(value)] : [])); }

  append(...nodes) {
    for (const item of nodes) {
      const node = item instanceof DomNode ? item : new Text(item);
      if (node.parentNode) node.parentNode.removeChild(node);
      node.parentNode = this;
      this.childNodes.push(node);
      if (this.onAppend) this.onAppend(node);
    }
  }

  appendChild(node) { this.append(node); return node; }
  removeChild(node) { this.childNodes.splice(this.childNodes.indexOf(node), 1); node.parentNode = null; return node; }
  remove() { if (this.parentNode) this.parentNode.removeChild(this); }
  replaceChildren(...nodes) {
    this.childNodes.forEach((c) => { c.parentNode = null; });
    this.childNodes = [];
    this.append(...nodes);
  }

  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  dispatchEvent(event) {
    event.target = this;
    (this.listeners[event.type] || []).forEach((fn) => fn.call(this, event));
    return true;
  }

  cloneNode(deep) {
    const copy = new Element(this.tagName);
    this.attributes.forEach((v, k) => copy.attributes.set(k, v));
    if (deep) this.childNodes.forEach((c) => copy.append(c.cloneNode(true)));
    return copy;
  }

  scrollIntoView() {}

  *descendants() {
    for (const child of this.children) { yield child; yield* child.descendants(); }
  }

  querySelectorAll(selector) {
    const groups = selector.split(",").map((g) => g.trim().split(/\s+/).map(compound));
    return [...this.descendants()].filter((node) => groups.some((parts) => matches(node, parts, this)));
  }

  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
}

/* One compound selector ("a.b#c[d='e']") as a test of an element. */
function compound(text) {
  const tests = [];
  const re = /^([a-zA-Z][\w-]*|\*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:(\^?=)["']?([^"'\]]*)["']?)?\]/g;
  let match;
  let at = 0;
  while ((match = re.exec(text)) && match.index === at) {
    at = re.lastIndex;
    const [, tag, id, cls, attr, op, value] = match;
    if (tag && tag !== "*") tests.push((n) => n.tagName === tag.toUpperCase());
    if (id) tests.push((n) => n.id === id);
    if (cls) tests.push((n) => n.classList.contains(cls));
    if (attr) tests.push((n) => n.hasAttribute(attr) && (!op || (op === "=" ? n.getAttribute(attr) === value : n.getAttribute(attr).startsWith(value))));
  }
  if (at !== text.length) throw new Error("report_dom.js: selector not understood: " + text);
  return (node) => tests.every((t) => t(node));
}

/* Whether `node` matches the last part and its ancestors (below `root`) the others in turn. */
function matches(node, parts, root) {
  if (!parts[parts.length - 1](node)) return false;
  let i = parts.length - 2;
  for (let up = node.parentNode; i >= 0 && up && up !== root; up = up.parentNode) {
    if (parts[i](up)) i--;
  }
  return i < 0;
}

/* ------------------------------------------------------------------ the page */

const el = (tag, attrs, ...children) => {
  const node = new Element(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  node.append(...children);
  return node;
};
const head = el("head");
const nav = el("nav", {}, ...["overview", "entities", "facts", "articles"].map((p) => el("a", { href: "#" + p, "data-page": p }, p)));
const body = el("body", {}, el("header", {}, el("span", { class: "brand", id: "title" }), nav),
  el("main", { id: "app" }), el("footer", { id: "footer" }));
const windowListeners = {};
let hash = "#" + (route || "");

const document = {
  head, body, title: "",
  createElement: (tag) => new Element(tag),
  createTextNode: (text) => new Text(text),
  getElementById: (id) => (body.id === id ? body : body.querySelector("#" + id)),
  querySelector: (s) => body.querySelector(s),
  querySelectorAll: (s) => body.querySelectorAll(s),
};

const sandbox = {
  document, console: { ...console, error: (...a) => errors.push(a.join(" ")), log: () => {} },
  Event, Node: DomNode, URLSearchParams, Promise, setTimeout, clearTimeout,
  location: {
    get hash() { return hash; },
    set hash(value) {
      hash = String(value).startsWith("#") ? String(value) : "#" + value;
      setImmediate(() => (windowListeners.hashchange || []).forEach((fn) => fn(new Event("hashchange"))));
    },
  },
  history: { replaceState: (_state, _title, url) => { hash = String(url); } },
  addEventListener: (type, fn) => { (windowListeners[type] ||= []).push(fn); },
  scrollTo: () => {},
};
sandbox.window = sandbox;
vm.createContext(sandbox);

head.onAppend = (node) => {
  if (node.tagName !== "SCRIPT") return;
  setImmediate(() => {
    const file = path.join(site, node.getAttribute("src"));
    if (!fs.existsSync(file)) { if (node.onerror) node.onerror(new Event("error")); return; }
    try {
      vm.runInContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
    } catch (err) {
      errors.push(String(err));
    }
    if (node.onload) node.onload(new Event("load"));
  });
};

process.on("unhandledRejection", (err) => errors.push("unhandled: " + err));

/* What a reader sees of `node`: its text without the elements that are hidden. */
function visibleText(node) {
  if (node instanceof Text) return node.data;
  if (node.hidden) return "";
  const text = node.childNodes.map(visibleText).join("");
  return /^(TD|TH|LI|P|H\d|DT|DD|DIV|OPTION)$/.test(node.tagName) ? text + "\n" : text;
}

async function ready(want) {
  for (let i = 0; i < 5000; i++) {
    const done = body.dataset.ready;
    if (done !== undefined && (want === undefined || done === "error" || done.split("?")[0] === want.split("?")[0])) return done;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("the page was not drawn: " + hash);
}

async function go(to) {
  sandbox.location.hash = "#" + to;
  await new Promise((resolve) => setImmediate(resolve));
  return ready(to || "overview");
}

function type(input, text) {
  input.value = text;
  input.dispatchEvent(new Event("input"));
}

function click(node) {
  if (node.tagName === "INPUT" && node.getAttribute("type") === "checkbox") node.checked = !node.checked;
  node.dispatchEvent(new Event("click"));
  node.dispatchEvent(new Event("change"));
}

async function main() {
  const check = fs.readFileSync(0, "utf8");
  vm.runInContext(fs.readFileSync(path.join(site, "report.js"), "utf8"), sandbox, { filename: "report.js" });
  await ready(route || "overview");
  Object.assign(sandbox, { go, type, click, visibleText });
  const value = await vm.runInContext("(async () => {\n" + check + "\n})()", sandbox);
  process.stdout.write(JSON.stringify({ value: value === undefined ? null : value, errors }) + "\n");
}

main().catch((err) => {
  process.stdout.write(JSON.stringify({ value: null, errors: [...errors, String(err && err.stack || err)] }) + "\n");
});
