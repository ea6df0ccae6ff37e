// Which Node.js an app asks for, and whether the stack's node gives it.
//
//   node version.js check APP_DIR AVAILABLE   prints what the build does about it; exits 3 when
//                                             the stack's node does not do
//
// `engines.node` in package.json wins over `.nvmrc`, as on Heroku. Ranges are npm's: `20`,
// `20.x`, `^20.1.0`, `~20.1`, `>=18 <21`, `18 || 20`, `18.0.0 - 20.x`; `.nvmrc` may also say
// `v20.11.0`, `node`, `lts/*` or `lts/iron`. The verdict is one of: satisfied; close (the same
// major.minor with another patch: a warning, the build goes on); mismatch (the build stops before
// installing anything).
"use strict";

const fs = require("fs");
const path = require("path");

const LTS = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14,
  gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24,
};

function parseVersion(text) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text).trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function cmp(a, b) {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// `1.2` -> {parts: [1, 2], n: 2}; `x`, `*` and missing parts end it.
function partial(text) {
  const bare = text.replace(/^v/, "").replace(/[-+].*$/, "");
  if (bare === "" || bare === "*" || bare === "x" || bare === "X") return { parts: [], n: 0 };
  const parts = [];
  for (const piece of bare.split(".")) {
    if (piece === "x" || piece === "X" || piece === "*") break;
    if (!/^\d+$/.test(piece)) throw new Error(text);
    parts.push(Number(piece));
    if (parts.length === 3) break;
  }
  return { parts, n: parts.length };
}

function full(parts) {
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0];
}

// The version just past every release a partial names: `1` -> 2.0.0, `1.2` -> 1.3.0.
function after(p) {
  if (p.n === 1) return [p.parts[0] + 1, 0, 0];
  if (p.n === 2) return [p.parts[0], p.parts[1] + 1, 0];
  return [p.parts[0], p.parts[1], p.parts[2] + 1];
}

// One comparator as a predicate over [major, minor, patch].
function comparator(text) {
  const m = /^(\^|~>?|>=|<=|>|<|=)?\s*(.*)$/.exec(text);
  const op = m[1] || "";
  const p = partial(m[2]);
  const low = full(p.parts);
  if (p.n === 0) {
    return op === "<" || op === ">" ? () => false : () => true;
  }
  switch (op) {
    case "":
    case "=":
      if (p.n === 3) return (v) => cmp(v, low) === 0;
      return (v) => cmp(v, low) >= 0 && cmp(v, after(p)) < 0;
    case ">=":
      return (v) => cmp(v, low) >= 0;
    case ">":
      return p.n === 3 ? (v) => cmp(v, low) > 0 : (v) => cmp(v, after(p)) >= 0;
    case "<":
      return (v) => cmp(v, low) < 0;
    case "<=":
      return p.n === 3 ? (v) => cmp(v, low) <= 0 : (v) => cmp(v, after(p)) < 0;
    case "~":
    case "~>": {
      const high = p.n === 1 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0];
      return (v) => cmp(v, low) >= 0 && cmp(v, high) < 0;
    }
    case "^": {
      let high;
      if (low[0] > 0 || p.n === 1) high = [low[0] + 1, 0, 0];
      else if (low[1] > 0 || p.n === 2) high = [0, low[1] + 1, 0];
      else high = [0, 0, low[2] + 1];
      return (v) => cmp(v, low) >= 0 && cmp(v, high) < 0;
    }
  }
  throw new Error(text);
}

// A whole range as a predicate; throws on what is not one.
function range(text) {
  const alternatives = String(text).split("||").map((alt) => {
    const trimmed = alt.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(trimmed);
    if (hyphen) {
      const low = full(partial(hyphen[1]).parts);
      const to = partial(hyphen[2]);
      const check = to.n === 3 ? (v) => cmp(v, full(to.parts)) <= 0 : (v) => to.n === 0 || cmp(v, after(to)) < 0;
      return (v) => cmp(v, low) >= 0 && check(v);
    }
    // `>= 18` is one comparator: join an operator to the version after it.
    const tokens = trimmed.replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, "$1").split(/\s+/).filter(Boolean);
    const parts = tokens.length ? tokens.map(comparator) : [() => true];
    return (v) => parts.every((f) => f(v));
  });
  return (v) => alternatives.some((f) => f(v));
}

// An `.nvmrc` line as a range.
function nvmrc(text) {
  const line = text.trim().toLowerCase();
  if (line === "node" || line === "stable" || line === "latest" || line === "current") return "*";
  if (line === "lts/*") return "lts";
  const lts = /^lts\/(\w+)$/.exec(line);
  if (lts) {
    if (!(lts[1] in LTS)) throw new Error(text);
    return String(LTS[lts[1]]);
  }
  return line.replace(/^v/, "");
}

function wanted(app) {
  let pkg = null;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));
  } catch (e) {
    pkg = null;
  }
  const engines = pkg && typeof pkg === "object" && pkg.engines;
  if (engines && typeof engines === "object" && typeof engines.node === "string" && engines.node.trim()) {
    return { spec: engines.node.trim(), source: "package.json (engines.node)" };
  }
  try {
    const text = fs.readFileSync(path.join(app, ".nvmrc"), "utf8").split(/\r?\n/)[0].trim();
    if (text) return { spec: text, source: ".nvmrc" };
  } catch (e) {
    // none
  }
  return null;
}

function verdict(spec, source, available) {
  const have = parseVersion(available);
  if (!have) throw new Error(available);
  const expr = source === ".nvmrc" ? nvmrc(spec) : spec;
  if (expr === "lts") return have[0] % 2 === 0 ? "satisfied" : "mismatch";
  const ok = range(expr);
  if (ok(have)) return "satisfied";
  for (let patch = 0; patch < 200; patch++) {
    if (ok([have[0], have[1], patch])) return "close";
  }
  return "mismatch";
}

function fix(source, have) {
  const major = have.replace(/^v/, "").split(".")[0];
  if (source === ".nvmrc") return "write `" + major + "` to .nvmrc";
  return 'set `"engines": {"node": "' + major + '.x"}` in package.json';
}

function check(app, available) {
  const found = wanted(app);
  const have = available.replace(/^v/, "");
  if (!found) {
    console.log("Using Node.js " + have + " from the stack (no version asked for: " +
      'set `"engines": {"node": "' + have.split(".")[0] + '.x"}` in package.json to pin it)');
    return 0;
  }
  let result;
  try {
    result = verdict(found.spec, found.source, have);
  } catch (e) {
    console.log(" !     " + found.source + " asks for Node.js `" + found.spec +
      "`, which is not a version range this buildpack understands");
    console.log(" !     hint: " + fix(found.source, have));
    return 3;
  }
  if (result === "satisfied") {
    console.log("Node.js " + found.spec + " asked for in " + found.source + ": using the stack's Node.js " + have);
    return 0;
  }
  if (result === "close") {
    console.log(" !     Node.js " + found.spec + " asked for in " + found.source + "; the stack has Node.js " +
      have + ", the same series with another patch: building with " + have);
    console.log(" !     hint: " + fix(found.source, have) + " to silence this warning");
    return 0;
  }
  console.log(" !     Node.js " + found.spec + " asked for in " + found.source + ", but this stack has Node.js " +
    have + ", and this buildpack uses the stack's node");
  console.log(" !     hint: " + fix(found.source, have) + ",");
  console.log(" !     or use a buildpack that installs its own Node.js: " +
    "`tug buildpacks:set https://github.com/heroku/heroku-buildpack-nodejs`");
  return 3;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.length === 3 && args[0] === "check") {
    process.exitCode = check(args[1], args[2]);
  } else {
    console.error("usage: node version.js check APP_DIR AVAILABLE");
    process.exitCode = 2;
  }
}

module.exports = { range, verdict, nvmrc, check };
