// What bin/compile needs to know before it installs anything, from one start of node (each
// start costs a second on a busy host):
//
//   node facts.js APP_DIR NPM_CLI
//
// First what version.js's `check` prints about the Node.js the app asks for (exit 3 when the
// stack's node does not do); then one line: the dependency count, the devDependency count,
// whether the `heroku-prebuild`, `build` and `heroku-postbuild` scripts exist (1 or 0), the
// packageManager field (`-` when none), this node's version, and npm's version read from the
// package.json next to NPM_CLI (the resolved `npm` command; `-` when it is not npm's own
// `npm-cli.js`). Exit 4, with node's message, when package.json is not valid JSON.
"use strict";

const fs = require("fs");
const path = require("path");
const { check } = require("./version.js");

function npmVersion(cli) {
  if (path.basename(cli || "") !== "npm-cli.js") return "-";
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(cli), "..", "package.json"), "utf8"));
    return pkg && pkg.name === "npm" && /^[0-9A-Za-z.+-]+$/.test(pkg.version) ? pkg.version : "-";
  } catch (e) {
    return "-";
  }
}

function facts(app, cli) {
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")) || {};
  } catch (e) {
    console.log(e.message);
    return 4;
  }
  const count = (o) => (o && typeof o === "object" ? Object.keys(o).length : 0);
  const scripts = pkg.scripts && typeof pkg.scripts === "object" ? pkg.scripts : {};
  const has = (name) => (typeof scripts[name] === "string" ? 1 : 0);
  const pm = typeof pkg.packageManager === "string" && /^[a-z]+@[0-9A-Za-z.+-]+$/.test(pkg.packageManager)
    ? pkg.packageManager.split("+")[0] : "-";
  console.log([
    count(pkg.dependencies) + count(pkg.optionalDependencies),
    count(pkg.devDependencies),
    has("heroku-prebuild"),
    has("build"),
    has("heroku-postbuild"),
    pm,
    process.version,
    npmVersion(cli),
  ].join(" "));
  return 0;
}

const args = process.argv.slice(2);
if (args.length === 2) {
  const checked = check(args[0], process.version);
  process.exitCode = checked === 0 ? facts(args[0], args[1]) : checked;
} else {
  console.error("usage: node facts.js APP_DIR NPM_CLI");
  process.exitCode = 2;
}
