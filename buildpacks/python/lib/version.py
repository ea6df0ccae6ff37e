"""Which Python an app asks for, and whether the stack's Python gives it.

    version.py wanted APP_DIR             prints `SPEC<TAB>SOURCE`, or nothing when nothing is asked
    version.py check APP_DIR AVAILABLE    prints what the build does about it; exits 3 when the
                                          stack's Python does not do
    version.py resolve APP_DIR            picks the interpreter (python3, or python3.X when the app
                                          asks for 3.X and the stack has it), prints
                                          `EXECUTABLE<TAB>VERSION`, then what `check` prints

The places are read in Heroku's order: `.python-version`, `runtime.txt`, `Pipfile.lock`
(`_meta.requires.python_full_version` or `python_version`), then `requires-python` in
`pyproject.toml`. A pinned version (3.12.1) or series (3.12) and a PEP 440 specifier (>=3.10,<4)
are understood. The verdict is one of: satisfied; close (the same major.minor with another patch:
a warning, the build goes on); mismatch (the build stops before installing anything).
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys

VERSION = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
CLAUSE = re.compile(r"^(~=|===|==|!=|<=|>=|<|>)?\s*v?([0-9][0-9.]*?)(\.\*)?$")


def read(app, name, limit=1 << 20):
    path = os.path.join(app, name)
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read(limit).decode("utf-8", "replace")


def first_line(text):
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            return line
    return ""


def requires_python(text):
    try:
        import tomllib

        data = tomllib.loads(text)
        project = data.get("project")
        value = project.get("requires-python") if isinstance(project, dict) else None
        if value is None:
            poetry = data.get("tool", {}).get("poetry", {})
            deps = poetry.get("dependencies", {}) if isinstance(poetry, dict) else {}
            value = deps.get("python") if isinstance(deps, dict) else None
            if isinstance(value, str):
                value = poetry_to_pep440(value)
        return value if isinstance(value, str) else None
    except Exception:
        found = re.search(r'^\s*requires-python\s*=\s*["\']([^"\']*)["\']', text, re.M)
        return found.group(1) if found else None


def poetry_to_pep440(value):
    """Poetry's `^3.10` and `~3.10` in PEP 440 terms."""
    parts = []
    for clause in value.split(","):
        clause = clause.strip()
        m = re.match(r"^\^(\d+)(?:\.(\d+))?", clause)
        if m:
            parts.append(">=%s.%s" % (m.group(1), m.group(2) or "0"))
            parts.append("<%d" % (int(m.group(1)) + 1))
            continue
        m = re.match(r"^~(\d+)\.(\d+)", clause)
        if m and not clause.startswith("~="):
            parts.append(">=%s.%s" % (m.group(1), m.group(2)))
            parts.append("<%s.%d" % (m.group(1), int(m.group(2)) + 1))
            continue
        if clause in ("*", ""):
            continue
        parts.append(clause)
    return ",".join(parts) or "*"


def wanted(app):
    """(spec, source) or None."""
    text = read(app, ".python-version")
    if text is not None:
        line = first_line(text)
        if line:
            return line, ".python-version"
    text = read(app, "runtime.txt")
    if text is not None:
        line = first_line(text)
        if line:
            return (line[len("python-"):] if line.startswith("python-") else line), "runtime.txt"
    text = read(app, "Pipfile.lock", 64 << 20)
    if text is not None:
        try:
            requires = json.loads(text).get("_meta", {}).get("requires", {})
        except (ValueError, AttributeError):
            requires = {}
        if isinstance(requires, dict):
            for key in ("python_full_version", "python_version"):
                value = requires.get(key)
                if isinstance(value, str) and value.strip():
                    return value.strip(), "Pipfile.lock"
    text = read(app, "pyproject.toml")
    if text is not None:
        spec = requires_python(text)
        if spec and spec.strip():
            return spec.strip(), "pyproject.toml (requires-python)"
    return None


def parse_version(text):
    m = VERSION.match(text.strip())
    if not m:
        return None
    return tuple(int(p) for p in m.groups() if p is not None)


def pad(v, n=3):
    return tuple(v) + (0,) * (n - len(v))


def clause_ok(op, version, wildcard, have):
    if wildcard or (op is None and len(version) < 3):
        # `==3.11.*`, or a bare `3.11`: every release in that series.
        prefix_equal = tuple(have[: len(version)]) == tuple(version)
        if op == "!=":
            return not prefix_equal
        return prefix_equal
    v, h = pad(version), pad(have)
    if op in (None, "==", "==="):
        return h == v
    if op == "!=":
        return h != v
    if op == ">=":
        return h >= v
    if op == "<=":
        return h <= v
    if op == ">":
        return h > v
    if op == "<":
        return h < v
    if op == "~=":
        # ~=3.10 means >=3.10,==3.*; ~=3.10.2 means >=3.10.2,==3.10.*
        if len(version) < 2:
            raise ValueError("`~=` needs at least two parts")
        return h >= v and tuple(have[: len(version) - 1]) == tuple(version[:-1])
    raise ValueError("unknown operator")


def parse_spec(spec):
    """A list of (op, version, wildcard); ValueError when it is not a version or specifier."""
    spec = spec.strip()
    if spec in ("*", ""):
        return []
    clauses = []
    for part in spec.split(","):
        m = CLAUSE.match(part.strip())
        if not m:
            raise ValueError(part.strip())
        op, number, wildcard = m.groups()
        version = parse_version(number.rstrip("."))
        if version is None:
            raise ValueError(part.strip())
        clauses.append((op, version, bool(wildcard)))
    return clauses


def satisfies(clauses, have):
    return all(clause_ok(op, v, w, have) for op, v, w in clauses)


def verdict(spec, available):
    """'satisfied', 'close' or 'mismatch'; ValueError for a spec that makes no sense."""
    have = parse_version(available)
    if have is None:
        raise ValueError(available)
    have = pad(have)
    clauses = parse_spec(spec)
    if satisfies(clauses, have):
        return "satisfied"
    # Close: a release of the stack's own major.minor series would do.
    for patch in range(0, 200):
        if satisfies(clauses, (have[0], have[1], patch)):
            return "close"
    return "mismatch"


def fix(source, available):
    have = pad(parse_version(available))
    series = "%d.%d" % have[:2]
    if source == ".python-version":
        return "write `%s` to .python-version" % series
    if source == "runtime.txt":
        return "write `python-%s` to runtime.txt (or `%s` to .python-version instead)" % (
            available,
            series,
        )
    if source == "Pipfile.lock":
        return "set `python_version = \"%s\"` under [requires] in the Pipfile and run `pipenv lock`" % series
    return "change `requires-python` in pyproject.toml to admit %s (for example `>=%s`)" % (
        series,
        series,
    )


def check(app, available):
    found = wanted(app)
    if found is None:
        print("Using Python %s from the stack (no version asked for: "
              "write one to .python-version to pin it)" % available)
        return 0
    spec, source = found
    try:
        result = verdict(spec, available)
    except ValueError:
        print(" !     %s asks for Python `%s`, which is not a version this buildpack understands" % (source, spec))
        print(" !     hint: %s" % fix(source, available))
        return 3
    if result == "satisfied":
        print("Python %s asked for in %s: using the stack's Python %s" % (spec, source, available))
        return 0
    if result == "close":
        print(" !     Python %s asked for in %s; the stack has Python %s, the same series with "
              "another patch: building with %s" % (spec, source, available, available))
        print(" !     hint: %s to silence this warning" % fix(source, available))
        return 0
    print(" !     Python %s asked for in %s, but this stack has Python %s, and this buildpack uses "
          "the stack's Python" % (spec, source, available))
    print(" !     hint: %s," % fix(source, available))
    print(" !     or use a buildpack that installs its own Python: "
          "`tug buildpacks:set https://github.com/heroku/heroku-buildpack-python`")
    return 3


def interpreter(found):
    """The Python to build with and its version: this one, or python3.X when the app asks for
    another 3.X and the stack has it. Asking this interpreter instead of starting python3 again
    for each fact saves seconds on a busy host (python3 may be a version manager's shim)."""
    own = (sys.executable, platform.python_version())
    wanted_version = VERSION.match(found[0]) if found else None
    if not wanted_version or wanted_version.group(2) is None:
        return own
    major, minor = int(wanted_version.group(1)), int(wanted_version.group(2))
    if (major, minor) == sys.version_info[:2]:
        return own
    candidate = shutil.which("python%d.%d" % (major, minor))
    if candidate is None:
        return own
    try:
        out = subprocess.run(
            [candidate, "-c", "import platform, sys; print(sys.executable); print(platform.python_version())"],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return own
    if len(out) < 2 or not out[0] or not VERSION.match(out[1]):
        return own
    return out[0], out[1]


def resolve(app):
    executable, available = interpreter(wanted(app))
    print("%s\t%s" % (executable, available))
    sys.stdout.flush()
    return check(app, available)


def main(argv):
    if len(argv) == 3 and argv[1] == "wanted":
        found = wanted(argv[2])
        if found:
            print("%s\t%s" % found)
        return 0
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "resolve":
        return resolve(argv[2])
    print("usage: version.py wanted APP_DIR | check APP_DIR AVAILABLE | resolve APP_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
