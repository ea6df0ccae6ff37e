//! `deploy.yml` at a repository's root: the named environments `tug deploy -e ENV` deploys to,
//! and the checks each one requires. Both sides read it: the CLI to pick the app and verify before
//! uploading anything, the server to re-check the required commit statuses itself.
//!
//! ```yaml
//! default_branch: main               # optional; else origin/HEAD, main, master
//! envs:
//!   - name: production
//!     app: myapp
//!     auto_merge: true               # the ref must not be behind the default branch
//!     required_contexts: ["ci/test"] # these commit statuses must be `success`
//!     pipeline: shop                 # optional: the pipeline the app is in
//!     promote_from: staging          # promote the build staging made of the ref, not rebuild
//!   - name: staging
//!     app: myapp-staging
//! ```
//!
//! Unknown keys are errors, not ignored: a misspelt `required_contexts` must not silently turn
//! a check off. Every error names its line. A `deploy.yml` that is plainly another tool's (an
//! Ansible playbook is a list; a mapping with no key like `envs` or `default_branch`) is not
//! tug's, and is left alone rather than refusing every deploy of the repository.

use crate::api::names::check_app_name;
use crate::api::pipeline::{check_pipeline_name, check_stage};
use crate::yaml::{self, Node, Value};

/// The file's name at the repository root.
pub const FILE_NAME: &str = "deploy.yml";

/// The largest deploy.yml read; real ones are a few hundred bytes.
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeployFile {
    pub default_branch: Option<String>,
    pub envs: Vec<Environment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub app: String,
    pub auto_merge: bool,
    pub required_contexts: Vec<String>,
    /// The pipeline the app is in (checked when given).
    pub pipeline: Option<String>,
    /// With it, a deploy of a ref promotes the release this stage's app built from the ref's
    /// commit instead of building again.
    pub promote_from: Option<String>,
    /// Where the environment starts, and its `app:` line, for errors found later.
    pub line: usize,
    pub app_line: usize,
}

impl DeployFile {
    pub fn env(&self, name: &str) -> Option<&Environment> {
        self.envs.iter().find(|e| e.name == name)
    }

    /// The names of the environments, for "unknown environment" errors.
    pub fn names(&self) -> Vec<&str> {
        self.envs.iter().map(|e| e.name.as_str()).collect()
    }

    /// The commit statuses a deploy to `app` needs: those of the named environment when one is
    /// given and deploy.yml has it, else of every environment that deploys to `app`.
    pub fn required_contexts(&self, app: &str, environment: Option<&str>) -> Vec<String> {
        let named = environment.and_then(|name| self.env(name));
        let envs: Vec<&Environment> = match named {
            Some(env) => vec![env],
            None => self.envs.iter().filter(|e| e.app == app).collect(),
        };
        let mut out: Vec<String> = vec![];
        for ctx in envs.into_iter().flat_map(|e| e.required_contexts.iter()) {
            if !out.contains(ctx) {
                out.push(ctx.clone());
            }
        }
        out
    }
}

/// Parses deploy.yml; `None` when the file is another tool's. Errors read `line N: …`.
pub fn parse(text: &str) -> Result<Option<DeployFile>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "line 1: the file is {} bytes; at most {MAX_BYTES} are read",
            text.len()
        ));
    }
    let root = yaml::load(text).map_err(|e| match e.rsplit_once(" at line ") {
        Some((what, line)) => format!("line {line}: {what}"),
        None => e,
    })?;
    let at = |node: &Node, msg: String| format!("line {}: {msg}", node.line);
    let entries = match &root.value {
        Value::Null => return Ok(Some(DeployFile::default())),
        Value::Map(entries) => entries,
        _ => return Ok(None),
    };
    // Ours when a key is, or nearly is, one of ours: a typo (`env:`) is an error, not a reason
    // to skip the checks.
    let ours = entries.iter().any(|(key, _)| {
        key.as_str()
            .is_some_and(|k| k.starts_with("env") || k.starts_with("default_branch"))
    });
    if !ours {
        return Ok(None);
    }
    let mut file = DeployFile::default();
    for (key, value) in entries {
        match key.as_str() {
            Some("default_branch") => {
                file.default_branch = Some(text_value(value, "default_branch")?);
            }
            Some("envs") => file.envs = envs(value)?,
            Some(other) => {
                return Err(at(
                    key,
                    format!("unknown key `{other}`: the keys are `envs` and `default_branch`"),
                ));
            }
            None => return Err(at(key, format!("expected a key, found {}", key.kind()))),
        }
    }
    Ok(Some(file))
}

fn envs(node: &Node) -> Result<Vec<Environment>, String> {
    let items = match &node.value {
        Value::Null => return Ok(vec![]),
        Value::Seq(items) => items,
        _ => {
            return Err(format!(
                "line {}: `envs` must be a list of environments, found {}",
                node.line,
                node.kind()
            ));
        }
    };
    let mut out: Vec<Environment> = vec![];
    for item in items {
        let env = environment(item)?;
        if let Some(first) = out.iter().find(|e| e.name == env.name) {
            return Err(format!(
                "line {}: environment `{}` is defined twice (first at line {})",
                env.line, env.name, first.line
            ));
        }
        out.push(env);
    }
    Ok(out)
}

fn environment(node: &Node) -> Result<Environment, String> {
    let Value::Map(entries) = &node.value else {
        return Err(format!(
            "line {}: each environment is a mapping with `name` and `app`, found {}",
            node.line,
            node.kind()
        ));
    };
    let (mut name, mut app, mut app_line) = (None, None, node.line);
    let mut auto_merge = false;
    let mut required_contexts = vec![];
    let (mut pipeline, mut promote_from) = (None, None);
    for (key, value) in entries {
        match key.as_str() {
            Some("name") => {
                let v = text_value(value, "name")?;
                if v.trim().is_empty() || v.chars().any(char::is_control) {
                    return Err(format!(
                        "line {}: `name` must be a word like `production`",
                        value.line
                    ));
                }
                name = Some(v);
            }
            Some("app") => {
                let v = text_value(value, "app")?;
                check_app_name(&v).map_err(|e| format!("line {}: {e}", value.line))?;
                app = Some(v);
                app_line = value.line;
            }
            Some("auto_merge") => {
                auto_merge = match value.as_str() {
                    Some("true" | "True" | "TRUE" | "yes") => true,
                    Some("false" | "False" | "FALSE" | "no") => false,
                    _ => {
                        return Err(format!(
                            "line {}: `auto_merge` must be `true` or `false`",
                            value.line
                        ));
                    }
                };
            }
            Some("required_contexts") => required_contexts = contexts(value)?,
            Some("pipeline") => {
                let v = text_value(value, "pipeline")?;
                check_pipeline_name(&v).map_err(|e| format!("line {}: {e}", value.line))?;
                pipeline = Some(v);
            }
            Some("promote_from") => {
                let v = text_value(value, "promote_from")?;
                check_stage(&v).map_err(|e| format!("line {}: `promote_from`: {e}", value.line))?;
                promote_from = Some(v);
            }
            Some(other) => {
                return Err(format!(
                    "line {}: unknown key `{other}` in an environment: the keys are `name`, `app`, `auto_merge`, `required_contexts`, `pipeline` and `promote_from`",
                    key.line
                ));
            }
            None => {
                return Err(format!(
                    "line {}: expected a key, found {}",
                    key.line,
                    key.kind()
                ));
            }
        }
    }
    let name = name.ok_or_else(|| format!("line {}: this environment has no `name`", node.line))?;
    let app = app.ok_or_else(|| {
        format!(
            "line {}: environment `{name}` has no `app` to deploy to",
            node.line
        )
    })?;
    Ok(Environment {
        name,
        app,
        auto_merge,
        required_contexts,
        pipeline,
        promote_from,
        line: node.line,
        app_line,
    })
}

fn contexts(node: &Node) -> Result<Vec<String>, String> {
    let items = match &node.value {
        Value::Null => return Ok(vec![]),
        Value::Seq(items) => items,
        _ => {
            return Err(format!(
                "line {}: `required_contexts` must be a list like [\"ci/test\"], found {}",
                node.line,
                node.kind()
            ));
        }
    };
    let mut out = vec![];
    for item in items {
        let ctx = text_value(item, "required_contexts")?;
        if let Some(problem) = crate::api::commit_status::context_problem(&ctx) {
            return Err(format!("line {}: {problem}", item.line));
        }
        if !out.contains(&ctx) {
            out.push(ctx);
        }
    }
    Ok(out)
}

fn text_value(node: &Node, key: &str) -> Result<String, String> {
    node.as_str().map(str::to_string).ok_or_else(|| {
        format!(
            "line {}: `{key}` must be text, found {}",
            node.line,
            node.kind()
        )
    })
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_environment_may_promote_from_a_stage_of_its_pipeline() {
        let text = "envs:\n  - name: production\n    app: shop-prod\n    pipeline: shop\n    promote_from: staging\n";
        let file = parse(text).unwrap().unwrap();
        let env = file.env("production").unwrap();
        assert_eq!(env.pipeline.as_deref(), Some("shop"));
        assert_eq!(env.promote_from.as_deref(), Some("staging"));
        let bad = parse("envs:\n  - name: p\n    app: shop-prod\n    promote_from: stage\n");
        let bad = bad.unwrap_err();
        assert!(bad.starts_with("line 4: `promote_from`"), "{bad}");
        let bad = parse("envs:\n  - name: p\n    app: shop-prod\n    pipeline: S\n").unwrap_err();
        assert!(bad.starts_with("line 4:"), "{bad}");
        let bad =
            parse("envs:\n  - name: p\n    app: shop-prod\n    promote_from: [a]\n").unwrap_err();
        assert!(bad.contains("`promote_from` must be text"), "{bad}");
    }

    const EXAMPLE: &str = "\
envs:
  - name: production
    app: myapp
    auto_merge: true
    required_contexts: [\"ci/test\", \"ci/lint\"]
  - name: staging
    app: myapp-staging
";

    #[test]
    fn reads_environments() {
        let file = parse(EXAMPLE).unwrap().unwrap();
        assert_eq!(file.names(), ["production", "staging"]);
        let prod = file.env("production").unwrap();
        assert_eq!(prod.app, "myapp");
        assert!(prod.auto_merge);
        assert_eq!(prod.required_contexts, ["ci/test", "ci/lint"]);
        assert_eq!((prod.line, prod.app_line), (2, 3));
        let staging = file.env("staging").unwrap();
        assert!(!staging.auto_merge && staging.required_contexts.is_empty());
        assert_eq!(
            file.required_contexts("myapp", None),
            ["ci/test", "ci/lint"]
        );
        assert!(file.required_contexts("myapp", Some("staging")).is_empty());
        assert!(file.required_contexts("other", None).is_empty());
    }

    #[test]
    fn empty_files_have_no_environments() {
        for text in ["", "---\n", "envs:\n", "envs: []\n"] {
            assert_eq!(
                parse(text).unwrap(),
                Some(DeployFile::default()),
                "{text:?}"
            );
        }
        let file = parse("default_branch: trunk\n").unwrap().unwrap();
        assert_eq!(file.default_branch.as_deref(), Some("trunk"));
    }

    #[test]
    fn bad_files_name_the_line() {
        let cases = [
            ("envs: [\n", "line"),
            (
                "envs:\n  - name: p\n    app: myapp\n    required_context: [x]\n",
                "line 4: unknown key `required_context`",
            ),
            (
                "envs:\n  - name: p\n",
                "line 2: environment `p` has no `app`",
            ),
            (
                "envs:\n  - app: myapp\n",
                "line 2: this environment has no `name`",
            ),
            ("envs:\n  - name: p\n    app: Bad_Name\n", "line 3:"),
            (
                "envs:\n  - name: p\n    app: myapp\n    auto_merge: maybe\n",
                "line 4: `auto_merge`",
            ),
            (
                "envs:\n  - name: p\n    app: myapp\n    required_contexts: ci/test\n",
                "line 4: `required_contexts` must be a list",
            ),
            (
                "envs:\n  - name: p\n    app: myapp\n  - name: p\n    app: other\n",
                "line 4: environment `p` is defined twice (first at line 2)",
            ),
            ("envs: production\n", "line 1: `envs` must be a list"),
            ("envs: []\ncolour: blue\n", "line 2: unknown key `colour`"),
            ("env:\n  - name: p\n", "line 1: unknown key `env`"),
            (
                "envs:\n  - name: [a]\n    app: myapp\n",
                "line 2: `name` must be text",
            ),
            (
                "envs:\n  - name: p\n    app: myapp\n    required_contexts: [\"\"]\n",
                "line 4:",
            ),
        ];
        for (text, want) in cases {
            let err = parse(text).unwrap_err();
            assert!(
                err.starts_with(want) || err.contains(want),
                "{text:?}: {err}"
            );
        }
        let big = "#".repeat(MAX_BYTES + 1);
        // Another tool's file is not an error.
        for foreign in [
            "- hosts: all\n  tasks: []\n",
            "services:\n  web: {}\n",
            "just text\n",
        ] {
            assert_eq!(parse(foreign), Ok(None), "{foreign:?}");
        }
        assert!(parse(&big).unwrap_err().contains("at most"));
    }
}
