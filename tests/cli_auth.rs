//! `tug login`, `whoami`, `auth:token`, `logout`: tokens on stdin, passwords, the stored
//! credentials, and what happens when a token is refused.

use crate::common::{Home, TestServer, add_user_with_password};

fn config_dir(home: &Home) -> std::path::PathBuf {
    home.path().join(".config/tug")
}

#[test]
fn login_with_a_token_then_whoami_token_and_logout() {
    let server = TestServer::start();
    let home = server.anonymous();

    home.tug(&["whoami"])
        .code(1)
        .stderr_has("error: not logged in to ")
        .stderr_has("hint: run `tug login`");

    // A bad token is refused and nothing is stored.
    let run = home
        .tug_stdin(&["login", "--with-token"], "tug_not_a_real_token\n")
        .code(1)
        .stderr_has("error: the token was refused by ")
        .stderr_has("`tug login`");
    assert_eq!(run.stdout, "");
    assert!(!config_dir(&home).join("credentials.toml").exists());
    home.tug(&["auth:token"])
        .code(1)
        .stderr_has("not logged in");

    home.tug_stdin(&["login", "--with-token"], "\n")
        .code(2)
        .stderr_has("no token on stdin");

    // A good one is stored: no keyring service here, so the 0600 file, with one warning.
    let run = home
        .tug_stdin(
            &["login", "--with-token"],
            &format!("{}\n", server.admin_token),
        )
        .ok()
        .stderr_has("Logged in to ")
        .stderr_has("as admin@localhost");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    let credentials = config_dir(&home).join("credentials.toml");
    assert!(
        std::fs::read_to_string(&credentials)
            .unwrap()
            .contains(&server.admin_token)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&credentials)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let config = std::fs::read_to_string(config_dir(&home).join("config.toml")).unwrap();
    assert!(config.contains("store = \"file\""), "{config}");
    // A pasted token is not ours to revoke.
    assert!(!config.contains("authorization_id"), "{config}");

    assert_eq!(home.tug(&["whoami"]).ok().stdout, "admin@localhost\n");
    assert_eq!(
        home.tug(&["auth", "whoami"]).ok().stdout,
        "admin@localhost\n"
    );
    let account = home.tug(&["auth:whoami", "--json"]).ok().json();
    assert_eq!(account["email"], "admin@localhost");
    assert_eq!(
        home.tug(&["auth:token"]).ok().stdout.trim(),
        server.admin_token
    );

    home.tug(&["logout"]).ok().stderr_has("Logged out of ");
    assert!(!credentials.exists());
    home.tug(&["whoami"]).code(1).stderr_has("not logged in");
    home.tug(&["auth:logout"]).ok().stderr_has("Not logged in");
    // The token itself still works: logout never revokes a token it was handed.
    server
        .admin()
        .tug(&["whoami"])
        .ok()
        .stdout_has("admin@localhost");
}

#[test]
fn interactive_login_is_refused_off_a_terminal() {
    let server = TestServer::start();
    let home = server.anonymous();
    let run = home
        .tug(&["login"])
        .code(2)
        .stderr_has("error: cannot ask for an email and password: stdin is not a terminal")
        .stderr_has("hint: pipe a token into `tug login --with-token`");
    assert_eq!(run.stdout, "");
    home.tug(&["auth:login", "--email", "a@b.c"])
        .code(2)
        .stderr_has("--password-stdin");
    home.tug(&["login", "--with-token", "--email", "a@b.c"])
        .code(2);
}

#[test]
fn a_password_login_creates_a_token_that_logout_revokes() {
    let server = TestServer::start();
    add_user_with_password(&server, "dev@example.com", "correct horse");
    let home = server.anonymous();

    home.tug_stdin(
        &["login", "--email", "dev@example.com", "--password-stdin"],
        "wrong\n",
    )
    .code(1)
    .stderr_has("wrong email or password");
    home.tug_stdin(
        &["login", "-e", "dev@example.com", "--password-stdin"],
        "correct horse\n",
    )
    .ok()
    .stderr_has("as dev@example.com");
    let config = std::fs::read_to_string(config_dir(&home).join("config.toml")).unwrap();
    assert!(config.contains("authorization_id"), "{config}");
    let first = home.tug(&["auth:token"]).ok().stdout.trim().to_string();
    assert_eq!(home.tug(&["whoami"]).ok().stdout, "dev@example.com\n");
    let refused = |token: &str| {
        Home::new(&server.api_url)
            .with_env("TUG_API_KEY", token)
            .tug(&["whoami"])
            .code(1)
    };

    // Logging in again replaces the token, and the replaced one is revoked.
    home.tug_stdin(
        &["login", "-e", "dev@example.com", "--password-stdin"],
        "correct horse\n",
    )
    .ok();
    let token = home.tug(&["auth:token"]).ok().stdout.trim().to_string();
    assert_ne!(token, first);
    refused(&first);

    home.tug(&["logout"]).ok();
    // Revoked on the server: the old token is refused, and the error says where it came from.
    refused(&token)
        .stderr_has("error: the token in `TUG_API_KEY` was refused")
        .stderr_has("hint: check the token, or unset `TUG_API_KEY` and run `tug login`");
}

#[test]
fn login_api_url_is_remembered_and_env_wins() {
    let server = TestServer::start();
    let home = server.anonymous().without_env("TUG_API_URL");
    // Nothing remembered yet: the default platform, which is not running in tests.
    home.tug_stdin(
        &["login", "--with-token", "--api-url", "not a url"],
        &server.admin_token,
    )
    .code(2)
    .stderr_has("is not a URL");
    home.tug_stdin(
        &[
            "login",
            "--with-token",
            "--api-url",
            &format!("{}/", server.api_url),
        ],
        &server.admin_token,
    )
    .ok();
    let config = std::fs::read_to_string(config_dir(&home).join("config.toml")).unwrap();
    assert!(
        config.contains(&format!("api_url = \"{}\"", server.api_url)),
        "{config}"
    );
    assert_eq!(home.tug(&["whoami"]).ok().stdout, "admin@localhost\n");
    // TUG_API_URL beats the remembered URL.
    let mut cmd = home.cmd(&["whoami"]);
    cmd.env("TUG_API_URL", "http://127.0.0.1:9")
        .stdin(std::process::Stdio::null());
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not logged in to http://127.0.0.1:9"),
        "{stderr}"
    );
}

#[test]
fn an_env_token_that_is_refused_names_the_variable() {
    let server = TestServer::start();
    server
        .anonymous()
        .with_env("TUG_API_KEY", "tug_bogus")
        .tug(&["apps"])
        .code(1)
        .stderr_has("error: the token in `TUG_API_KEY` was refused by ")
        .stderr_has("TUG_API_KEY");
    server
        .anonymous()
        .with_env("TUG_API_KEY", "tug_bogus")
        .tug(&["auth:token"])
        .ok()
        .stdout_has("tug_bogus");
}

#[test]
fn comments_in_the_config_and_credentials_files_survive_login_and_logout() {
    let server = TestServer::start();
    let home = server.anonymous();
    let dir = config_dir(&home);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    let credentials = dir.join("credentials.toml");
    std::fs::write(
        &config,
        "# my settings: keep this\n\n[hosts.\"old.example:443\"] # an old platform\nstore = \"keyring\"\n",
    )
    .unwrap();
    std::fs::write(
        &credentials,
        "# tokens, hands off\n[hosts.\"old.example:443\"]\ntoken = \"tug_old\" # the old one\n",
    )
    .unwrap();

    home.tug_stdin(
        &["login", "--with-token"],
        &format!("{}\n", server.admin_token),
    )
    .ok();
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with("# my settings: keep this\n"), "{text}");
    assert!(text.contains("# an old platform"), "{text}");
    assert!(text.contains("store = \"file\""), "{text}");
    let text = std::fs::read_to_string(&credentials).unwrap();
    assert!(text.starts_with("# tokens, hands off\n"), "{text}");
    assert!(text.contains("token = \"tug_old\" # the old one"), "{text}");
    assert!(text.contains(&server.admin_token), "{text}");

    home.tug(&["logout"]).ok();
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with("# my settings: keep this\n"), "{text}");
    assert!(text.contains("old.example:443"), "{text}");
    let text = std::fs::read_to_string(&credentials).unwrap();
    assert!(text.contains("# the old one"), "{text}");
    assert!(!text.contains(&server.admin_token), "{text}");
}
