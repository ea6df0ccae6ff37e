//! Smoke tests of two Platform API libraries nobody here wrote, against a real `tug server` on
//! TLS: Python's `heroku3` (PyPI) and npm's `heroku-client`. `.ci/run` installs them into
//! `~/.cache/tug-tests` (`py/` a venv, `heroku-cli/` beside the official CLI); where they are
//! not installed these tests say so and do nothing.

use std::path::Path;
use std::process::Command;

use crate::common::Home;
use crate::common::push::{push, repo};
use crate::official_cli::{TlsServer, npm_clients_dir, tls_http, tls_server};

fn cache_dir() -> std::path::PathBuf {
    Path::new(&std::env::var_os("HOME").unwrap_or_default()).join(".cache/tug-tests")
}

/// Gives the existing app `app` a release to run: the null buildpack and a Procfile, pushed
/// over HTTPS.
pub fn push_null(tls: &TlsServer, app: &str) {
    let api = &tls.server.api_url;
    let r = tls_http(tls)
        .put(format!("{api}/apps/{app}/buildpack-installations"))
        .bearer_auth(&tls.server.admin_token)
        .json(&serde_json::json!({"updates": [{"buildpack": "null"}]}))
        .send()
        .unwrap();
    assert!(r.status().is_success(), "{:?}", r.text());
    let home = Home::new(api).with_env("GIT_SSL_CAINFO", tls.cert.to_str().unwrap());
    let dir = repo(&home, &[("Procfile", "worker: sleep 100\n")]);
    let url = format!("{api}/{app}.git");
    let (ok, out) = push(&home, &dir, Some(&tls.server.admin_token), &[&url, "main"]);
    assert!(ok, "{out}");
}

const HEROKU3_SCRIPT: &str = r#"
import os, requests, heroku3, heroku3.api, heroku3.rendezvous as rendezvous
api, cert, token = os.environ["TUG_API"], os.environ["TUG_CERT"], os.environ["TUG_TOKEN"]
# heroku3 trusts only the CA file it ships for rendezvous; a self-signed server's
# certificate has to be put in its place.
plain_init = rendezvous.Rendezvous.__init__
def init(self, *args, **kwargs):
    plain_init(self, *args, **kwargs)
    self.cert = cert
rendezvous.Rendezvous.__init__ = init
# Not `heroku3.from_key`: it checks the key against api.heroku.com before the URL can be set.
session = requests.session()
session.trust_env = False
session.verify = cert
conn = heroku3.api.Heroku(session=session)
conn._heroku_url = api
assert conn.authenticate(token), "the token was refused"
print("account", conn.account().email)
app = conn.create_app(name="py-smoke")
print("created", app.name, app.stack.name)
app.enable_maintenance_mode()
app.disable_maintenance_mode()
print("maintenance", conn.app("py-smoke").maintenance)
app.update_config({"GREETING": "hello"})
print("config", app.config()["GREETING"])
print("apps", sorted(a.name for a in conn.apps()))
"#;

const HEROKU3_RUN: &str = r#"
import os, requests, heroku3, heroku3.api, heroku3.rendezvous as rendezvous
api, cert, token = os.environ["TUG_API"], os.environ["TUG_CERT"], os.environ["TUG_TOKEN"]
plain_init = rendezvous.Rendezvous.__init__
def init(self, *args, **kwargs):
    plain_init(self, *args, **kwargs)
    self.cert = cert
rendezvous.Rendezvous.__init__ = init
session = requests.session()
session.trust_env = False
session.verify = cert
conn = heroku3.api.Heroku(session=session)
conn._heroku_url = api
conn.authenticate(token)
output, dyno = conn.app("py-smoke").run_command("echo ran-$GREETING", printout=False)
print("output", output.strip())
"#;

#[test]
fn heroku3_creates_configures_and_runs() {
    let python = cache_dir().join("py/bin/python");
    let found = python.exists()
        && Command::new(&python)
            .args(["-c", "import heroku3"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !found {
        crate::common::skip::skipped(format!(
            "heroku3 is not installed in {} (`.ci/run` installs it with pip)",
            cache_dir().join("py").display()
        ));
        return;
    }
    let tls = tls_server();
    let script = |code: &str| {
        let out = Command::new(&python)
            .args(["-c", code])
            .env("TUG_API", &tls.server.api_url)
            .env("TUG_CERT", &tls.cert)
            .env("TUG_TOKEN", &tls.server.admin_token)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{text}\n{}\n{}",
            String::from_utf8_lossy(&out.stderr),
            tls.server.log()
        );
        text
    };
    let out = script(HEROKU3_SCRIPT);
    assert!(out.contains("account admin@localhost"), "{out}");
    assert!(out.contains("created py-smoke local"), "{out}");
    assert!(out.contains("maintenance False"), "{out}");
    assert!(out.contains("config hello"), "{out}");

    // Something to run: a push with the null buildpack.
    push_null(&tls, "py-smoke");
    let out = script(HEROKU3_RUN);
    assert!(out.contains("output ran-hello"), "{out}");
}

const HEROKU_CLIENT_SCRIPT: &str = r#"
const Heroku = require('heroku-client')
const heroku = new Heroku({ token: process.env.TUG_TOKEN, host: process.env.TUG_API })
;(async () => {
  const account = await heroku.get('/account')
  console.log('account', account.email)
  const app = await heroku.post('/apps', { body: { name: 'js-smoke', region: 'us' } })
  console.log('created', app.name, app.region.name)
  await heroku.patch(`/apps/${app.name}/config-vars`, { body: { GREETING: 'hi' } })
  const config = await heroku.get(`/apps/${app.name}/config-vars`)
  console.log('config', config.GREETING)
  const releases = await heroku.get(`/apps/${app.name}/releases`, { partial: true })
  console.log('releases', releases.length)
  const features = await heroku.get(`/apps/${app.name}/features`)
  console.log('features', features.map(f => f.name).sort().join(','))
  try {
    await heroku.get('/apps/nobody-here')
  } catch (e) {
    console.log('error', e.statusCode, e.body.id)
  }
})().catch(e => { console.error(e); process.exit(1) })
"#;

#[test]
fn heroku_client_reads_and_writes() {
    let modules = npm_clients_dir().join("node_modules");
    if !modules.join("heroku-client").exists() {
        crate::common::skip::skipped(format!(
            "npm's heroku-client is not installed in {} (`.ci/run` installs it with npm)",
            modules.display()
        ));
        return;
    }
    let tls = tls_server();
    let out = Command::new("node")
        .args(["-e", HEROKU_CLIENT_SCRIPT])
        .env("NODE_PATH", &modules)
        // heroku-client hands SSL_CERT_FILE (and SSL_CERT_DIR) to node as the only CAs.
        .env("SSL_CERT_FILE", &tls.cert)
        .env_remove("SSL_CERT_DIR")
        .env("TUG_API", &tls.server.api_url)
        .env("TUG_TOKEN", &tls.server.admin_token)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("account admin@localhost"), "{text}");
    assert!(text.contains("created js-smoke local"), "{text}");
    assert!(text.contains("config hi"), "{text}");
    assert!(text.contains("releases 2"), "{text}");
    assert!(
        text.contains(
            "features log-runtime-metrics,preboot,runtime-dyno-metadata,spaces-dns-discovery"
        ),
        "{text}"
    );
    assert!(text.contains("error 404 not_found"), "{text}");
}
