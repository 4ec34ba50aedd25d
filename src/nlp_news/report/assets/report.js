/* nlp-news report: one page over data/*.js files loaded on demand (works from file://).
 *
 * Safety: every text from the articles reaches the page through textContent or an attribute
 * set with setAttribute (never innerHTML), so "<script>" in an article shows as text.  Charts
 * are SVG files shown as <img>, which run no code.
 */
"use strict";

const NLPNEWS = (() => {
  const cache = new Map();
  const waiting = new Map();

  function put(name, data) {
    cache.set(name, data);
    (waiting.get(name) || []).forEach(([resolve]) => resolve(data));
    waiting.delete(name);
  }

  function load(name) {
    if (cache.has(name)) return Promise.resolve(cache.get(name));
    return new Promise((resolve, reject) => {
      const first = !waiting.has(name);
      if (first) waiting.set(name, []);
      waiting.get(name).push([resolve, reject]);
      if (!first) return;
      const script = document.createElement("script");
      script.src = "data/" + name + ".js";
      const fail = (why) => {
        (waiting.get(name) || []).forEach(([, reject]) => reject(new Error(why + " data/" + name + ".js")));
        waiting.delete(name);
      };
      script.onerror = () => fail("cannot load");
      script.onload = () => { if (!cache.has(name)) fail("no data in"); };
      document.head.appendChild(script);
    });
  }
  return { put, load };
})();

/* ------------------------------------------------------------------ DOM helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const fmt = (v) => (v === null || v === undefined ? "" : typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 4 }) : String(v));
const day = (d) => (d ? String(d).slice(0, 10) : "");
const label = (lab) => el("span", { class: "label label-" + lab, text: lab });
const entityLink = (id, name) => (id >= 0 ? el("a", { href: "#entity/" + id, text: name }) : el("span", { text: name }));
const articleLink = (n, text, at) => el("a", { href: "#article/" + n + (at !== undefined && at !== null ? "/" + at : ""), text: text || "(untitled)" });

/* A low-confidence mark: mentions (or entities, by their mean score) scoring under the
 * report's threshold are faded, with the score as a tooltip; no score, no fading. */
let fadeBelow = 0.5;
const isLow = (score) => typeof score === "number" && score < fadeBelow;
const scoreNote = (score, what) => (typeof score === "number" ? what + " " + score.toFixed(2) + (isLow(score) ? " (below " + fadeBelow + ": faded)" : "") : "no " + what);
const lowAttrs = (score, what) => (isLow(score) ? { class: "low", title: scoreNote(score, what) } : {});

/* `rowAttrs(row, i)`: attributes of a row's <tr> (its class, its tooltip), or nothing. */
function table(headers, rows, numeric, rowAttrs) {
  const num = new Set(numeric || []);
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map((h, i) => el("th", { class: num.has(i) ? "num" : null, text: h })))),
    el("tbody", {}, rows.map((cells, k) => el("tr", rowAttrs ? rowAttrs(cells, k) : {}, cells.map((c, i) =>
      el("td", { class: num.has(i) ? "num" : null }, c instanceof Node ? c : fmt(c)))))));
}

/* Show rows in pages of `size`, with a "show more" button. */
function paged(headers, rows, toCells, numeric, rowAttrs, size = 200) {
  const box = el("div");
  let shown = 0;
  const body = el("tbody");
  const num = new Set(numeric || []);
  const more = el("button", { class: "more" });
  function next() {
    rows.slice(shown, shown + size).forEach((r, k) => body.append(el("tr", rowAttrs ? rowAttrs(r, shown + k) : {}, toCells(r, shown + k).map((c, i) =>
      el("td", { class: num.has(i) ? "num" : null }, c instanceof Node ? c : fmt(c))))));
    shown = Math.min(rows.length, shown + size);
    more.textContent = "show more (" + (rows.length - shown).toLocaleString("en-US") + " left)";
    more.hidden = shown >= rows.length;
  }
  more.addEventListener("click", next);
  box.append(el("p", { class: "muted count", text: rows.length.toLocaleString("en-US") + " rows" }),
    el("table", {}, el("thead", {}, el("tr", {}, headers.map((h, i) => el("th", { class: num.has(i) ? "num" : null, text: h })))), body), more);
  next();
  return box;
}

/* Draw a page; a null, undefined or false in `nodes` (a part left out) draws nothing (the DOM
 * would show it as the text "null"). */
function render(t, ...nodes) {
  if (t !== currentRoute) return;
  const app = document.getElementById("app");
  app.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
  window.scrollTo(0, 0);
}

/* Each route gets a number; a page whose route is no longer the current one draws nothing. */
let currentRoute = 0;

function params(query) {
  const out = {};
  new URLSearchParams(query || "").forEach((v, k) => { out[k] = v; });
  return out;
}

function setQuery(page, values) {
  const q = new URLSearchParams();
  Object.entries(values).forEach(([k, v]) => { if (v !== "" && v !== null && v !== undefined && v !== false) q.set(k, v); });
  const hash = "#" + page + (q.toString() ? "?" + q : "");
  history.replaceState(null, "", hash);
}

/* ------------------------------------------------------------------ pages */

/* The overview's data; sets the score under which marks are faded. */
async function overview() {
  const o = await NLPNEWS.load("overview");
  if (typeof o.fade_below === "number") fadeBelow = o.fade_below;
  return o;
}

/* What the marks mean: the labels' colours, and faded marks (`what`: "score" for mentions,
 * "mean score" for entities). `more`: the article page's facts, quotes and excluded text. */
function legend(what, more) {
  return el("p", { class: "legend muted", id: "legend" },
    label("PER"), " person ", label("LOC"), " place ", label("ORG"), " organisation · ",
    el("span", { class: "low", text: "faded" }), ": " + (what === "score" ? "a mention whose score (the calibrated chance it is right)" : "an entity whose mentions' mean score") + " is below " + fadeBelow + "; hover for the score",
    more ? [" · ", el("span", { class: "fact", text: "underlined" }), ": a fact · ", el("span", { class: "quote", text: "shaded" }), ": a quote · ",
      el("span", { class: "excluded", text: "grey" }), ": header, dateline or boilerplate, not annotated"] : null);
}

/* "duplicate of <id>", the id linked to that article when it is in the report. */
const duplicateOf = (id, n) => el("span", { class: "dup-of" }, "duplicate of ",
  n !== null && n !== undefined ? articleLink(n, id) : el("span", { text: id }));

/* An entity's count of stories, with all its articles beside when near duplicates add some. */
const storiesText = (stories, documents) => fmt(stories) + (documents > stories ? " (" + fmt(documents) + " with near duplicates)" : "");

async function overviewPage(t) {
  const o = await overview();
  const tot = o.totals;
  const card = (n, what) => el("div", { class: "card" }, el("b", { text: fmt(n) }), what);
  const run = o.run || {};
  const options = Array.isArray(run.options) ? run.options : [];
  render(t,
    el("h1", { text: o.title }),
    el("div", { class: "cards" }, card(tot.documents, "articles"), card(tot.duplicates, "near duplicates"), card(tot.entities, "entity mentions"),
      card(tot.distinct_entities, "distinct entities"), card(tot.facts, "facts"), card(tot.quotes, "quotes")),
    el("div", { class: "row" },
      el("div", { class: "col" }, el("h2", { text: "Articles by status" }),
        table(["status", "articles"], o.status, [1]),
        el("h2", { text: "Most named" }),
        el("p", { class: "muted", text: "by stories: the articles naming it, near duplicates not counted" + (tot.duplicates ? " (" + fmt(tot.duplicates) + " in this run)" : " (none in this run)") }),
        el("div", { class: "row" }, ["PER", "LOC", "ORG"].map((lab) => el("div", { class: "top top-" + lab },
          el("h3", {}, label(lab)),
          el("ol", {}, (o.top[lab] || []).map(([id, name, docs, stories, mean]) => el("li", lowAttrs(mean, "mean score"), entityLink(id, name), el("span", { class: "muted", text: " " + storiesText(stories, docs) }))))))),
        legend("mean score")),
      el("div", { class: "col" },
        el("img", { src: o.charts.months, alt: "articles by publication month" }),
        el("img", { src: o.charts.sources, alt: "articles by source" }),
        el("img", { src: o.charts.kinds, alt: "facts by kind" }))),
    o.n_errors ? el("details", { open: o.n_errors <= 20 },
      el("summary", {}, el("h2", { text: "Articles not annotated (" + fmt(o.n_errors) + ")", class: "inline" })),
      o.errors.length < o.n_errors ? el("p", { class: "muted", text: "the first " + fmt(o.errors.length) + " are listed" }) : null,
      table(["article", "message (file:line)"], o.errors.map(([n, id, origin, error]) => [articleLink(n, id), el("span", { class: "error", text: error || origin })]))) : null,
    el("h2", { text: "The run" }),
    table(["", ""], [["folder", o.folder], ["inputs", (run.inputs || []).join(", ")], ["finished", run.finished || ""],
      ["seconds", run.seconds === undefined || run.seconds === null ? "" : run.seconds], ["nlp-news", run.nlp_news || ""],
      ["article texts", o.texts]]),
    options.length ? [el("h3", { text: "Options" }),
      el("ul", { class: "options", id: "run-options" }, options.map(([key, value]) => el("li", {}, el("span", { class: "key", text: key }), ": " + value)))] : null);
}

async function entitiesPage(t, query) {
  const [o, data] = await Promise.all([overview(), NLPNEWS.load("entities")]);
  const p = params(query);
  const search = el("input", { type: "search", placeholder: "name", value: p.q || "", id: "entity-search" });
  const labelSel = el("select", { id: "entity-label" }, el("option", { value: "", text: "all" }),
    ["PER", "LOC", "ORG"].map((l) => el("option", { value: l, text: l, selected: p.label === l })));
  const sourceSel = el("select", { id: "entity-source" }, el("option", { value: "", text: "all" }),
    data.sources.map((s, i) => el("option", { value: String(i), text: s, selected: p.source === String(i) })));
  const from = el("input", { type: "month", value: p.from || "", min: o.first, max: o.last });
  const to = el("input", { type: "month", value: p.to || "", min: o.first, max: o.last });
  const outlets = el("input", { type: "checkbox", checked: p.outlets === "1" });
  const results = el("div", { id: "entity-results" });
  function update() {
    const q = search.value.trim().toLocaleLowerCase();
    const lab = labelSel.value;
    const src = sourceSel.value === "" ? null : Number(sourceSel.value);
    const lo = from.value || null;
    const hi = to.value || null;
    const filtered = src !== null || lo !== null || hi !== null;
    const rows = [];
    for (const [id, name, lab2, mentions, docs, first, last, outlet, cells, stories, mean] of data.rows) {
      if (lab && lab2 !== lab) continue;
      if (outlet && !outlets.checked) continue;
      if (q && !name.toLocaleLowerCase().includes(q)) continue;
      let [n, ns] = [docs, stories];
      if (filtered) {
        [n, ns] = [0, 0];
        for (let i = 0; i < cells.length; i += 4) {  // source, month, articles, stories
          const [s, m, k, ks] = [cells[i], cells[i + 1], cells[i + 2], cells[i + 3]];
          if (src !== null && s !== src) continue;
          const month = m >= 0 ? data.months[m] : null;
          if ((lo !== null && (month === null || month < lo)) || (hi !== null && (month === null || month > hi))) continue;
          n += k;
          ns += ks;
        }
        if (!n) continue;
      }
      rows.push([id, name, lab2, ns, n, mentions, first, last, mean]);
    }
    rows.sort((a, b) => b[3] - a[3] || b[4] - a[4] || b[5] - a[5] || (a[1] < b[1] ? -1 : 1));
    if (t !== currentRoute) return;
    setQuery("entities", { q: search.value.trim(), label: lab, source: sourceSel.value, from: from.value, to: to.value, outlets: outlets.checked ? "1" : "" });
    const within = filtered ? " (filtered)" : "";
    results.replaceChildren(paged(["#", "entity", "label", "stories" + within, "articles" + within, "mentions", "first", "last"], rows,
      (r, i) => [i + 1, entityLink(r[0], r[1]), label(r[2]), r[3], r[4], r[5], r[6], r[7]], [0, 3, 4, 5], (r) => lowAttrs(r[8], "mean score")));
  }
  [search, labelSel, sourceSel, from, to, outlets].forEach((c) => { c.addEventListener("input", update); c.addEventListener("change", update); });
  render(t, el("h1", { text: "Entities" }),
    el("p", { class: "muted", id: "entity-counts", text: "The " + fmt(data.rows.length) + " entities named in the most articles (of " + fmt(o.totals.distinct_entities) + "), ranked by stories: "
      + "the articles naming it, near duplicates not counted (" + fmt(o.totals.duplicates) + " in this run); articles counts them too. The source and date filters count the articles within them." }),
    el("div", { class: "filters" }, el("label", {}, "search", search), el("label", {}, "label", labelSel),
      el("label", {}, "source", sourceSel), el("label", {}, "from", from), el("label", {}, "to", to),
      el("label", {}, "news outlets", outlets)), legend("mean score"), results);
  update();
}

// One entity's or article's data from its block file ("entity/3"), or null for an id that is
// not a number or not in the report.
async function fromBlock(kind, blocks, id) {
  if (!/^\d+$/.test(id || "")) return null;
  const o = await overview();
  const data = await NLPNEWS.load(kind + "/" + Math.floor(Number(id) / o.blocks[blocks]));
  return data[String(id)] || null;
}

async function entityPage(t, id) {
  const e = await fromBlock("entity", "entities", id);
  if (!e) return render(t, el("p", { class: "error", text: "no entity " + id }));
  render(t, el("h1", { id: "entity-name" }, e.name + " ", label(e.label)),
    el("p", { class: "muted", id: "entity-counts", text: fmt(e.stories) + " stories (" + fmt(e.documents) + " articles, near duplicates counted), " + fmt(e.mentions) + " mentions, " + day(e.first) + " – " + day(e.last) + (e.outlet ? " (a news outlet)" : "") + "; " + scoreNote(e.mean_score, "mean score") }),
    el("div", { class: "row" },
      el("div", { class: "col" },
        e.chart ? el("img", { src: e.chart, alt: "mentions by month" }) : el("p", { class: "muted", text: "no dated mentions" }),
        el("h2", { text: "Written as" }),
        el("div", {}, e.forms.map(([form, k]) => el("span", { class: "pill" }, form + " ", el("span", { class: "muted", text: fmt(k) })))),
        e.aliases.length > 1 ? el("p", { class: "muted", text: "names merged: " + e.aliases.join("; ") }) : null,
        el("h2", { text: "Named with" }),
        table(["entity", "label", "articles"], e.with.map(([wid, name, lab, k]) => [entityLink(wid, name), label(lab), k]), [2])),
      el("div", { class: "col" },
        el("h2", { text: "Articles" + (e.articles.length < e.documents ? " (the latest " + e.articles.length + ")" : "") }),
        el("div", { id: "entity-articles" }, table(["date", "article", "source", "mentions"], e.articles.map(([n, title, date, source, dup, k]) =>
          [day(date), dup ? el("span", {}, articleLink(n, title), el("span", { class: "muted", text: " (duplicate of " + dup + ")" })) : articleLink(n, title), source || "", k]), [3],
        (cells, k) => (e.articles[k][4] ? { class: "dup" } : {}))))),
    el("h2", { text: "Facts in its sentences" }),
    e.facts.length ? table(["fact", "kind", "value", "unit", "sentence"], e.facts.map(([n, start, kind, text, value, unit, currency, iso, sentence]) =>
      [articleLink(n, text, start), kind, iso || value, currency || unit || "", sentence])) : el("p", { class: "muted", text: "none" }),
    el("h2", { text: "What it said" }),
    e.quotes.length ? table(["quote", "kind", "cue"], e.quotes.map(([n, start, kind, cue, text]) => [articleLink(n, text, start), kind, cue || ""])) : el("p", { class: "muted", text: "no quotes" }));
}

async function factsPage(t, query) {
  const o = await overview();
  const kinds = Object.keys(o.kinds);
  const p = params(query);
  const kind = kinds.includes(p.kind) ? p.kind : (kinds.includes("money") ? "money" : kinds[0]);
  if (!kind) return render(t, el("h1", { text: "Facts" }), el("p", { class: "muted", text: "no facts" }));
  const info = o.kinds[kind];
  const kindSel = el("select", { id: "fact-kind" }, kinds.map((k) => el("option", { value: k, text: k + " (" + fmt(o.kinds[k].count) + ")", selected: k === kind })));
  const unitSel = el("select", { id: "fact-unit" }, el("option", { value: "", text: "all" }),
    info.units.map(([u, k]) => el("option", { value: u, text: u + " (" + fmt(k) + ")", selected: p.unit === u })));
  const curSel = el("select", { id: "fact-currency" }, el("option", { value: "", text: "all" }),
    info.currencies.map(([c, k]) => el("option", { value: c, text: c + " (" + fmt(k) + ")", selected: p.currency === c })));
  const subject = el("input", { type: "search", placeholder: "subject", value: p.subject || "" });
  const min = el("input", { type: "number", placeholder: "min", value: p.min || "", step: "any" });
  const max = el("input", { type: "number", placeholder: "max", value: p.max || "", step: "any" });
  const order = el("select", {}, el("option", { value: "", text: "as in the dump" }), el("option", { value: "desc", text: "largest first", selected: p.order === "desc" }));
  const results = el("div", { id: "fact-results", text: "loading…" });
  render(t, el("h1", { text: "Facts" }),
    el("div", { class: "filters" }, el("label", {}, "kind", kindSel), el("label", {}, "unit", unitSel), el("label", {}, "currency", curSel),
      el("label", {}, "subject", subject), el("label", {}, "value from", min), el("label", {}, "to", max), el("label", {}, "order", order)), results);
  kindSel.addEventListener("input", () => { location.hash = "#facts?kind=" + encodeURIComponent(kindSel.value); });
  const blocks = await Promise.all(Array.from({ length: info.blocks }, (_, i) => NLPNEWS.load("facts/" + info.file + "-" + i)));
  const all = blocks.flat();
  function update() {
    const s = subject.value.trim().toLocaleLowerCase();
    const lo = min.value === "" ? null : Number(min.value);
    const hi = max.value === "" ? null : Number(max.value);
    let rows = all.filter(([n, start, end, text, value, unit, currency, iso, subj]) =>
      (!unitSel.value || unit === unitSel.value) && (!curSel.value || currency === curSel.value) &&
      (!s || (subj || "").toLocaleLowerCase().includes(s)) &&
      (lo === null || (value !== null && value >= lo)) && (hi === null || (value !== null && value <= hi)));
    if (order.value === "desc") rows = rows.slice().sort((a, b) => (b[4] ?? -Infinity) - (a[4] ?? -Infinity));
    if (t !== currentRoute) return;
    setQuery("facts", { kind, unit: unitSel.value, currency: curSel.value, subject: subject.value.trim(), min: min.value, max: max.value, order: order.value });
    results.replaceChildren(paged(["fact", "value", "unit / currency", "date / time", "subject", "approx.", "sentence"], rows,
      ([n, start, end, text, value, unit, currency, iso, subj, approx, sentence]) =>
        [articleLink(n, text, start), value, currency || unit || "", iso || "", subj || "", approx ? "≈" : "", sentence], [1]));
  }
  [unitSel, curSel, subject, min, max, order].forEach((c) => { c.addEventListener("input", update); c.addEventListener("change", update); });
  update();
}

/* Every article's row (no texts), searchable by title, source and id, near duplicates marked
 * and, when asked, hidden. */
async function articlesPage(t, query) {
  const o = await overview();
  const p = params(query);
  if (!o.totals.documents) return render(t, el("h1", { text: "Articles" }), el("p", { class: "muted", text: "no articles" }));
  const blocks = await Promise.all(Array.from({ length: o.blocks.list }, (_, i) => NLPNEWS.load("article-list/" + i)));
  const all = blocks.flat();  // [n, doc_id, title, date, source, status, n_entities, n_facts, duplicate_of, its n]
  const search = el("input", { type: "search", id: "article-search", placeholder: "title or source", value: p.q || "" });
  const hide = el("input", { type: "checkbox", id: "hide-duplicates", checked: p.dups === "hide" });
  const results = el("div", { id: "article-results" });
  function update() {
    const q = search.value.trim().toLocaleLowerCase();
    const rows = all.filter(([, id, title, , source, , , , dup]) => !(hide.checked && dup !== null) &&
      (!q || [title, source, id].some((v) => v !== null && String(v).toLocaleLowerCase().includes(q))));
    if (t !== currentRoute) return;
    setQuery("articles", { q: search.value.trim(), dups: hide.checked ? "hide" : "" });
    results.replaceChildren(paged(["article", "date", "source", "status", "entities", "facts", "near duplicate"], rows,
      ([n, id, title, date, source, status, ents, facts, dup, dupN]) => [articleLink(n, title || id), day(date), source || "", status, ents, facts, dup === null ? "" : duplicateOf(dup, dupN)],
      [4, 5], (r) => (r[8] !== null ? { class: "dup" } : {})));
  }
  [search, hide].forEach((c) => { c.addEventListener("input", update); c.addEventListener("change", update); });
  render(t, el("h1", { text: "Articles" }),
    el("p", { class: "muted", text: fmt(o.totals.documents) + " articles; near duplicates of an earlier one (nearly the same text: wire copy re-posted, a page scraped twice): " + fmt(o.totals.duplicates) }),
    el("div", { class: "filters" }, el("label", {}, "search titles and sources", search),
      el("label", {}, "hide near duplicates (" + fmt(o.totals.duplicates) + ")", hide)), results);
  update();
}

/* The article's text split at every entity, fact, quote and excluded-range boundary: entities
 * are <mark> elements (they do not overlap; the label is drawn by CSS from data-label, so it
 * is not part of the text; a mention scoring under the threshold is faded, class "low"),
 * facts, quotes and excluded ranges are classes on the pieces. */
function articleText(a) {
  const text = a.text;
  const cuts = new Set([0, text.length]);
  const ents = [];
  let last = -1;
  for (const e of a.ents) {            // [start, end, label, text, name, id, origin, sent, score]
    if (e[0] < last || e[1] > text.length) continue;
    ents.push(e);
    last = e[1];
  }
  ents.forEach((e) => { cuts.add(e[0]); cuts.add(e[1]); });
  a.facts.forEach((f) => { cuts.add(Math.max(0, f[0])); cuts.add(Math.min(text.length, f[1])); });
  a.excluded.forEach(([s, e]) => { cuts.add(s); cuts.add(Math.min(text.length, e)); });
  a.quotes.forEach((q) => { cuts.add(Math.max(0, q[0])); cuts.add(Math.min(text.length, q[1])); });
  const points = [...cuts].sort((x, y) => x - y);
  const inside = (ranges, s, e) => ranges.some(([rs, re]) => rs <= s && e <= re);
  const root = el("div", { class: "article-text", id: "article-text" });
  let ei = 0;
  let mark = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    while (ei < ents.length && ents[ei][1] <= s) ei++;
    const ent = ei < ents.length && ents[ei][0] <= s && e <= ents[ei][1] ? ents[ei] : null;
    const classes = [];
    if (a.facts.some((f) => f[0] <= s && e <= f[1])) classes.push("fact");
    if (inside(a.excluded, s, e)) classes.push("excluded");
    if (a.quotes.some((q) => q[0] <= s && e <= q[1])) classes.push("quote");
    const at = a.facts.some((f) => f[0] === s) || a.quotes.some((q) => q[0] === s);
    const piece = el("span", { class: classes.join(" ") || null, "data-at": at ? s : null, text: text.slice(s, e) });
    if (ent) {
      if (!mark || mark.dataset.start !== String(ent[0])) {
        mark = el("mark", { class: "ent ent-" + ent[2] + (isLow(ent[8]) ? " low" : ""), "data-start": ent[0], "data-end": ent[1], "data-label": ent[2],
          "data-score": ent[8], title: ent[4] + (ent[6] ? " (" + ent[6] + ")" : "") + " · " + scoreNote(ent[8], "score") });
        root.append(mark);
      }
      mark.append(piece);
    } else {
      mark = null;
      root.append(piece);
    }
  }
  return root;
}

async function articlePage(t, n, at) {
  const a = await fromBlock("article", "articles", n);
  if (!a) return render(t, el("p", { class: "error", text: "no article " + n }));
  const meta = [["id", a.doc_id], ["date", a.date || ""], ["source", a.source || ""], ["url", /^https?:\/\//i.test(a.url || "") ? el("a", { href: a.url, rel: "noreferrer noopener", text: a.url }) : a.url || ""],
    ["reporter", a.reporter || ""], ["read from", a.origin || ""], ["status", a.status], ["dateline", [a.dateline_place, a.dateline_source].filter(Boolean).join(", ")]];
  if (a.dup) meta.push(["near duplicate", duplicateOf(a.dup, a.dup_n)]);
  if (a.error) meta.push(["message", el("span", { class: "error", text: a.error })]);
  const side = el("div", { class: "article-side" },
    table(["", ""], meta),
    el("h2", { text: "Entities (" + a.ents.length + ")" }),
    table(["text", "label", "entity", "from", "score"], a.ents.map(([s, e, lab, text, name, id, origin, sent, score]) => [text, label(lab), entityLink(id, name), origin || "", score]),
      [4], (cells, k) => lowAttrs(a.ents[k][8], "score")),
    el("h2", { text: "Facts (" + a.facts.length + ")" }),
    table(["text", "kind", "value", "unit"], a.facts.map(([s, e, kind, text, value, unit, currency, iso]) => [text, kind, iso || value, currency || unit || ""])),
    el("h2", { text: "Quotes (" + a.quotes.length + ")" }),
    table(["speaker", "kind", "quote"], a.quotes.map(([s, e, speaker, kind, cue]) => [speaker || "", kind, a.text ? a.text.slice(s, e) : ""])));
  const body = a.text === null
    ? el("div", { class: "article-text muted", text: a.no_text || "no text" })
    : articleText(a);
  render(t, el("h1", { id: "article-title", text: a.title || a.doc_id }), legend("score", true), el("div", { class: "article-view" }, body, side));
  if (at !== undefined) {
    const target = body.querySelector('[data-at="' + Number(at) + '"]');
    if (target) { target.scrollIntoView({ block: "center" }); target.classList.add("flash"); }
  }
}

/* ------------------------------------------------------------------ routing */

async function route() {
  const t = ++currentRoute;
  delete document.body.dataset.ready;
  const hash = location.hash.slice(1) || "overview";
  const [path, query] = hash.split("?");
  const [page, a, b] = path.split("/").map((part) => { try { return decodeURIComponent(part); } catch { return part; } });
  document.querySelectorAll("nav a").forEach((link) => link.classList.toggle("active", link.dataset.page === page || (page === "entity" && link.dataset.page === "entities") || (page === "article" && link.dataset.page === "articles")));
  try {
    if (page === "entities") await entitiesPage(t, query);
    else if (page === "entity") await entityPage(t, a);
    else if (page === "facts") await factsPage(t, query);
    else if (page === "articles") await articlesPage(t, query);
    else if (page === "article") await articlePage(t, a, b);
    else await overviewPage(t);
    if (t === currentRoute) document.body.dataset.ready = hash;
  } catch (err) {
    render(t, el("p", { class: "error", text: String(err) }));
    if (t === currentRoute) document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", route);
NLPNEWS.load("overview").then((o) => {
  document.title = o.title + " · nlp-news report";
  document.getElementById("title").textContent = o.title;
  document.getElementById("footer").textContent = "made by nlp-news " + o.nlp_news + " on " + o.made + " from the folder " + o.folder;
}).catch(() => {});
route();
