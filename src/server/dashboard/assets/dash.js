// The dashboard's live parts. Pages work without this file; it adds: revealing masked config
// vars, refreshing the parts of a page marked `data-refresh` (dyno and deployment states) when
// the app's log stream says they changed, and the live log tail over the API's SSE log stream.
"use strict";

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function revealers() {
  for (const button of document.querySelectorAll("button[data-reveal]")) {
    button.addEventListener("click", () => {
      const cell = button.parentElement;
      const value = cell.querySelector(".value");
      const masked = cell.querySelector(".masked");
      const show = value.hidden;
      value.hidden = !show;
      masked.hidden = show;
      button.textContent = show ? "Hide" : "Reveal";
    });
  }
}

// Fetches this page again and swaps in the fresh contents of every element with an id and
// `data-refresh`: live states without a reload, and without a second rendering path.
async function refreshParts(parts) {
  const resp = await fetch(location.href, { credentials: "same-origin" });
  if (!resp.ok || resp.redirected) return;
  const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
  for (const part of parts) {
    const fresh = doc.getElementById(part.id);
    if (fresh && fresh.innerHTML !== part.innerHTML) part.innerHTML = fresh.innerHTML;
  }
}

// Lines of the app's log that mean a marked part may have changed: dyno states and the
// platform's own `app[api]` lines (releases, scaling, deployment states). Router lines are
// the busiest and never change what these parts show.
function signalsChange(line) {
  if (line.includes(" app[api]: ")) return true;
  return / heroku\[[a-z0-9_-]+\.\d+\]: State changed /.test(line);
}

// Keeps the parts marked `data-refresh` current by following the app's log stream (the one
// the Logs tab reads) and refetching them, debounced, when a line signals a change. Only when
// the stream cannot be opened does it fall back to a slow poll.
function refresher() {
  const parts = document.querySelectorAll("[data-refresh][id]");
  const follow = document.querySelector("[data-follow]");
  if (parts.length === 0 || !follow) return;
  const DEBOUNCE_MS = 250;
  const FALLBACK_MS = 10000;
  const RETRY_MS = 3000;
  let timer = null;
  let busy = false;
  let again = false;
  let poll = null;

  function mark(how) {
    for (const part of parts) part.dataset.live = how;
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try { await refreshParts(parts); } catch (_) { /* the next signal tries again */ }
    busy = false;
    if (again) { again = false; soon(); }
  }

  function soon() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; refresh(); }, DEBOUNCE_MS);
  }

  function fallBack() {
    mark("poll");
    if (!poll) poll = setInterval(() => { if (!document.hidden) refresh(); }, FALLBACK_MS);
    setTimeout(open, RETRY_MS * 10);
  }

  async function open() {
    let url;
    try {
      const resp = await fetch(follow.dataset.follow, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ lines: "0" }),
      });
      if (resp.redirected || !resp.ok) return fallBack();
      url = (await resp.json()).url;
    } catch (_) {
      return fallBack();
    }
    const source = new EventSource(url);
    source.onopen = () => {
      if (poll) { clearInterval(poll); poll = null; }
      mark("stream");
      // Whatever changed while no stream was open.
      soon();
    };
    source.onmessage = (event) => { if (signalsChange(event.data)) soon(); };
    // A session's stream is not reopened by the browser: ask for a fresh session instead.
    source.onerror = () => {
      source.close();
      mark("reconnecting");
      setTimeout(open, RETRY_MS);
    };
  }

  open();
}

function logTail() {
  const form = document.getElementById("log-filters");
  const log = document.getElementById("log");
  if (!form || !log) return;
  const state = document.getElementById("log-state");
  const pause = document.getElementById("log-pause");
  const MAX_LINES = 2000;
  let source = null;
  let paused = false;
  let held = [];

  function append(lines) {
    for (const line of lines) log.append(document.createTextNode(line + "\n"));
    while (log.childNodes.length > MAX_LINES) log.removeChild(log.firstChild);
    log.scrollTop = log.scrollHeight;
  }

  async function open() {
    if (source) source.close();
    state.textContent = "connecting…";
    const resp = await fetch(form.dataset.session, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)),
    });
    if (resp.redirected) {
      // The session ended: the answer is the sign-in page.
      state.textContent = "signed out: reload the page to sign in again";
      return;
    }
    if (!resp.ok) {
      const doc = new DOMParser().parseFromString(await resp.text(), "text/html");
      const why = doc.querySelector(".error");
      state.textContent = why ? why.textContent : "could not open the log (" + resp.status + ")";
      return;
    }
    const { url } = await resp.json();
    log.textContent = "";
    source = new EventSource(url);
    source.onopen = () => { state.textContent = paused ? "paused" : "live"; };
    source.onerror = () => { state.textContent = "reconnecting…"; };
    source.onmessage = (event) => {
      if (paused) held.push(event.data); else append([event.data]);
    };
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); open(); });
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.setAttribute("aria-pressed", String(paused));
    pause.textContent = paused ? "Resume" : "Pause";
    state.textContent = paused ? "paused" : "live";
    if (!paused) { append(held); held = []; }
  });
  open();
}

// A build's output, live: the API's SSE stream of its lines. The stream ends with the build;
// the browser would then reconnect, so the first error closes it.
function buildOutput() {
  for (const pre of document.querySelectorAll("pre[data-stream]")) {
    const source = new EventSource(pre.dataset.stream);
    source.onmessage = (event) => {
      pre.append(document.createTextNode(event.data + "\n"));
      pre.scrollTop = pre.scrollHeight;
    };
    source.onerror = () => source.close();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  buildOutput();
  revealers();
  refresher();
  logTail();
});
