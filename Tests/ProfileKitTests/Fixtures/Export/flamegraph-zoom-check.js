// Runs a flame-graph SVG's inline script against a minimal stand-in DOM and checks click-to-zoom:
// the clicked frame fills the width, its descendants scale with it, its ancestors span the width
// and are marked "parent", everything else hides; "Reset Zoom" restores the first layout.
// Usage: node flamegraph-zoom-check.js FILE.svg FRAME-NAME. Prints "ok N" or throws.
"use strict";
const fs = require("fs");
const svg = fs.readFileSync(process.argv[2], "utf8");
const target = process.argv[3];
const script = svg.match(/<script><!\[CDATA\[([\s\S]*?)\]\]><\/script>/)[1];
const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, "&");

class ClassList {
  constructor(names) { this.set = new Set(names); }
  add(c) { this.set.add(c); }
  remove(c) { this.set.delete(c); }
  contains(c) { return this.set.has(c); }
  toggle(c, force) { if (force === undefined) force = !this.set.has(c); if (force) this.set.add(c); else this.set.delete(c); }
}
class Element {
  constructor(tag, attributes, classes = []) {
    this.tag = tag; this.attributes = attributes; this.classList = new ClassList(classes);
    this.children = []; this.listeners = {}; this.textContent = ""; this.group = null;
  }
  getAttribute(name) { return this.attributes[name]; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  addEventListener(type, f) { this.listeners[type] = f; }
  querySelector(tag) { return this.children.find((c) => c.tag === tag); }
  closest() { return this.group; }
}

const frames = [];
const pattern = /<g data-x="(\d+)" data-w="(\d+)" data-d="(\d+)" data-n="([^"]*)"><title>([^<]*)<\/title><rect x="([^"]+)" y="[^"]+" width="([^"]+)"[^>]*\/><text x="([^"]+)"[^>]*>([^<]*)<\/text><\/g>/g;
for (const m of svg.matchAll(pattern)) {
  const g = new Element("g", { "data-x": m[1], "data-w": m[2], "data-d": m[3], "data-n": unescape(m[4]) });
  const title = new Element("title", {}); title.textContent = unescape(m[5]);
  const rect = new Element("rect", { x: m[6], width: m[7] });
  const text = new Element("text", { x: m[8] }); text.textContent = unescape(m[9]);
  for (const child of [title, rect, text]) { child.group = g; g.children.push(child); }
  g.group = g;
  frames.push(g);
}
if (frames.length < 2) throw new Error("no frames found");
const width = +svg.match(/<svg [^>]*width="(\d+)"/)[1];
const byId = {
  details: new Element("text", {}), unzoom: new Element("text", {}, ["hide"]), frames: new Element("g", {}),
};
let onLoad = null;
global.window = { addEventListener: (type, f) => { if (type === "load") onLoad = f; } };
global.document = {
  documentElement: new Element("svg", { width: String(width) }),
  getElementById: (id) => byId[id],
  querySelectorAll: () => frames,
  querySelector: () => frames.find((g) => g.getAttribute("data-d") === "0"),
};
new Function(script)();
onLoad();

const layout = () => frames.map((g) => [g.classList.contains("hide"), g.querySelector("rect").getAttribute("x"),
  g.querySelector("rect").getAttribute("width")].join(" "));
const before = frames.map((g) => [false, (+g.querySelector("rect").getAttribute("x")).toFixed(2),
  (+g.querySelector("rect").getAttribute("width")).toFixed(2)].join(" "));
const clicked = frames.find((g) => g.getAttribute("data-n") === target);
if (!clicked) throw new Error("no frame " + target);
byId.frames.listeners.mouseover({ target: clicked.querySelector("rect") });
if (byId.details.textContent !== clicked.querySelector("title").textContent) throw new Error("hover details");
byId.frames.listeners.click({ target: clicked.querySelector("rect") });

const s = +clicked.getAttribute("data-x"), w = +clicked.getAttribute("data-w"), d = +clicked.getAttribute("data-d");
const pad = 10, full = width - 2 * pad;
const near = (a, b) => Math.abs(a - b) < 0.011;
for (const g of frames) {
  const gs = +g.getAttribute("data-x"), gw = +g.getAttribute("data-w"), gd = +g.getAttribute("data-d");
  const r = g.querySelector("rect"), x = +r.getAttribute("x"), rw = +r.getAttribute("width");
  const inside = gd >= d && gs >= s && gs + gw <= s + w, ancestor = gd < d && gs <= s && gs + gw >= s + w;
  if (inside) {
    if (g.classList.contains("hide") || !near(x, pad + (gs - s) * full / w) || !near(rw, gw * full / w))
      throw new Error("descendant " + g.getAttribute("data-n") + " at " + x + " width " + rw);
  } else if (ancestor) {
    if (g.classList.contains("hide") || !g.classList.contains("parent") || !near(x, pad) || !near(rw, full))
      throw new Error("ancestor " + g.getAttribute("data-n"));
  } else if (!g.classList.contains("hide")) {
    throw new Error("frame outside the zoom is visible: " + g.getAttribute("data-n"));
  }
}
if (!near(+clicked.querySelector("rect").getAttribute("width"), full)) throw new Error("clicked frame not full width");
if (byId.unzoom.classList.contains("hide")) throw new Error("Reset Zoom hidden while zoomed");
byId.unzoom.listeners.click({});
const after = layout();
if (after.join("\n") !== before.join("\n")) throw new Error("reset did not restore the layout");
if (!byId.unzoom.classList.contains("hide")) throw new Error("Reset Zoom shown after reset");
console.log("ok " + frames.length);
