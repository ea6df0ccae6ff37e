# Django's `manage.py collectstatic --noinput`, sourced by bin/compile (which defines `indent`,
# VENV, ENV_DIR, CACHE_DIR and runs from the app root).
#
# What collectstatic writes depends only on what it reads: the app's files, the installed
# packages, the config vars and the Python version. When none of them changed since the last
# build, the files it wrote then are unpacked from the build cache instead: the same result
# without starting Django (a second of post-processing for a small project, far more with
# hashed and compressed assets).

# A digest of everything collectstatic reads; $1 names the installed packages (the install's
# cache key).
static_inputs() {
  local file
  {
    printf '%s\0' "$1"
    for file in "$ENV_DIR"/*; do
      printf '%s\0' "${file##*/}"
      cat -- "$file"
      printf '\0'
    done
    find . -path ./.heroku -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum --
    find . -path ./.heroku -prune -o -type l -printf '%p -> %l\n' | LC_ALL=C sort
  } | sha256sum | cut -d' ' -f1
}

# Every file and symlink under the app root but outside the virtualenv, NUL-separated and sorted.
app_paths() {
  find . -path ./.heroku -prune -o \( -type f -o -type l \) -print0 | LC_ALL=C sort -z
}

# collectstatic MANAGE_PY PACKAGES_KEY: runs it, or restores what it wrote last time; exits the
# build with Django's message when it fails.
collectstatic() {
  local manage=$1 cache="$CACHE_DIR/python-static" key scratch
  # An unreadable file leaves no key: collectstatic runs and nothing is cached.
  key=$(static_inputs "$2" 2> /dev/null) || key=""
  echo "-----> \$ python $manage collectstatic --noinput"
  if [ -n "$key" ] && [ -f "$cache/files.tar" ] && [ "$(cat "$cache/key" 2> /dev/null)" = "$key" ]; then
    if tar -xf "$cache/files.tar"; then
      echo "       Restored the static files it collected last time from the build cache (the app, its packages and config vars are unchanged)"
      return 0
    fi
    echo "       The cached static files do not unpack: collecting them again"
  fi
  rm -rf "$cache"
  scratch=$(mktemp -d)
  app_paths > "$scratch/before"
  touch "$scratch/started"
  if ! "$VENV/bin/python" "$manage" collectstatic --noinput 2>&1 | indent; then
    rm -rf "$scratch"
    echo " !     \`python $manage collectstatic --noinput\` failed: Django's error is above"
    echo " !     hint: fix the static files settings (STATIC_ROOT), or skip this step with \`tug config:set DISABLE_COLLECTSTATIC=1\`"
    exit 1
  fi
  [ -n "$key" ] || {
    rm -rf "$scratch"
    return 0
  }
  # What it wrote: the paths that are new, and those changed since it started.
  app_paths > "$scratch/after"
  {
    LC_ALL=C comm -z -13 "$scratch/before" "$scratch/after"
    find . -path ./.heroku -prune -o \( -type f -o -type l \) -newer "$scratch/started" -print0
  } | LC_ALL=C sort -z -u > "$scratch/written"
  mkdir -p "$cache"
  if tar --null --no-recursion -T "$scratch/written" -cf "$cache/files.tar.tmp" \
    && mv "$cache/files.tar.tmp" "$cache/files.tar"; then
    echo "$key" > "$cache/key"
  else
    rm -rf "$cache"
  fi
  rm -rf "$scratch"
}
