//! The output of a buildpack's `bin/release`: a YAML mapping with the documented keys
//! `default_process_types` (type → command), the legacy `config_vars` (name → value) and `addons`
//! (ignored here). Only the first YAML document is read, as Ruby's `YAML.load` did on Heroku.
//!
//! Scalars are taken as written (`port: 0x10` is the string `0x10`), since both maps hold strings.

use super::procfile::type_name_problem;
use crate::yaml::{Node, Value, load};

/// The longest `bin/release` output read.
pub const MAX_RELEASE_BYTES: usize = 1024 * 1024;

/// What a buildpack's `bin/release` declared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    /// Process types in document order.
    pub default_process_types: Vec<(String, String)>,
    /// Legacy config vars in document order.
    pub config_vars: Vec<(String, String)>,
}

/// Parse `bin/release` output. The error says what is wrong, without naming the buildpack.
pub fn parse(text: &str) -> Result<Release, String> {
    if text.len() > MAX_RELEASE_BYTES {
        return Err(format!(
            "the output is {} bytes; at most {MAX_RELEASE_BYTES} are read",
            text.len()
        ));
    }
    let root = load(text)?;
    let mut release = Release::default();
    let kind = root.kind();
    let entries = match root.value {
        Value::Null => return Ok(release),
        Value::Map(entries) => entries,
        _ => {
            return Err(format!("expected a mapping at the top level, found {kind}"));
        }
    };
    for (key, value) in entries {
        let key_kind = key.kind();
        let Value::Scalar(key) = key.value else {
            return Err(format!("expected text keys, found {key_kind}"));
        };
        match key.as_str() {
            "default_process_types" => {
                for (name, command) in string_map(&key, value)? {
                    if let Some(problem) = type_name_problem(&name) {
                        return Err(format!("`default_process_types`: {problem}"));
                    }
                    if command.trim().is_empty() {
                        return Err(format!(
                            "`default_process_types`: process type `{name}` has no command"
                        ));
                    }
                    upsert(&mut release.default_process_types, name, command);
                }
            }
            "config_vars" => {
                for (name, value) in string_map(&key, value)? {
                    upsert(&mut release.config_vars, name, value);
                }
            }
            // `addons` and anything unknown: not ours to act on.
            _ => {}
        }
    }
    Ok(release)
}

fn upsert(list: &mut Vec<(String, String)>, key: String, value: String) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(entry) => entry.1 = value,
        None => list.push((key, value)),
    }
}

/// A mapping of scalars to scalars (a null value is an empty string; a null map is empty).
fn string_map(key: &str, value: Node) -> Result<Vec<(String, String)>, String> {
    let kind = value.kind();
    let entries = match value.value {
        Value::Null => return Ok(Vec::new()),
        Value::Map(entries) => entries,
        _ => {
            return Err(format!("`{key}` must be a mapping, found {kind}"));
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let k_kind = k.kind();
        let Value::Scalar(k) = k.value else {
            return Err(format!("`{key}`: expected text keys, found {k_kind}"));
        };
        let v_kind = v.kind();
        let v = match v.value {
            Value::Scalar(v) => v,
            Value::Null => String::new(),
            _ => {
                return Err(format!(
                    "`{key}`: the value of `{k}` must be text, found {v_kind}"
                ));
            }
        };
        out.push((k, v));
    }
    Ok(out)
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reads_documented_keys() {
        let release = parse(
            "---\naddons:\n  - heroku-postgresql:dev\ndefault_process_types:\n  web: bin/node server.js --port $PORT\n  worker: \"node worker.js # not a comment\"\nconfig_vars:\n  PATH: /app/bin:/usr/bin\n  EMPTY:\n  NUM: 0x10\n  FLAG: true\n",
        )
        .expect("valid");
        assert_eq!(
            release.default_process_types,
            pairs(&[
                ("web", "bin/node server.js --port $PORT"),
                ("worker", "node worker.js # not a comment"),
            ])
        );
        assert_eq!(
            release.config_vars,
            pairs(&[
                ("PATH", "/app/bin:/usr/bin"),
                ("EMPTY", ""),
                ("NUM", "0x10"),
                ("FLAG", "true"),
            ])
        );
    }

    #[test]
    fn empty_outputs_are_empty_releases() {
        for text in [
            "",
            "\n",
            "---",
            "--- {}",
            "---\n",
            "{}",
            "~",
            "# nothing\n",
            "--- {}\n...",
        ] {
            assert_eq!(parse(text), Ok(Release::default()), "{text:?}");
        }
        assert_eq!(
            parse("default_process_types:\nconfig_vars: {}\n"),
            Ok(Release::default())
        );
    }

    #[test]
    fn flow_style_and_only_the_first_document() {
        let release = parse(
            "--- {default_process_types: {web: 'run web'}}\n--- {default_process_types: {x: y}}\n",
        )
        .expect("valid");
        assert_eq!(release.default_process_types, pairs(&[("web", "run web")]));
    }

    #[test]
    fn malformed_yaml_is_an_error_with_a_line() {
        for text in [
            "default_process_types: [web: {",
            "default_process_types:\n  web: \"unterminated\n",
            "a: b\n c: d\n- e",
        ] {
            let err = parse(text).expect_err(text);
            assert!(err.contains("line"), "{text:?}: {err}");
        }
    }

    #[test]
    fn wrong_shapes_are_errors() {
        for (text, needle) in [
            ("- a\n- b\n", "top level, found a list"),
            ("just text", "top level, found text"),
            (
                "default_process_types: web\n",
                "must be a mapping, found text",
            ),
            (
                "default_process_types:\n  - web: x\n",
                "must be a mapping, found a list",
            ),
            (
                "default_process_types:\n  web: [a, b]\n",
                "must be text, found a list",
            ),
            (
                "config_vars:\n  A: {b: c}\n",
                "must be text, found a mapping",
            ),
            ("? [a]\n: b\n", "text keys"),
            ("default_process_types:\n  web:\n", "has no command"),
            (
                "default_process_types:\n  'web api': run\n",
                "may contain only",
            ),
        ] {
            let err = parse(text).expect_err(text);
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }

    #[test]
    fn aliases_are_refused() {
        let text =
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
        let err = parse(text).expect_err("aliases");
        assert!(err.contains("aliases"), "{err}");
    }

    #[test]
    fn deep_nesting_and_size_are_bounded() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep).is_err());
        let mut block = String::new();
        for depth in 0..100 {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        assert!(parse(&block).is_err());
        let big = "#".repeat(MAX_RELEASE_BYTES + 1);
        assert!(parse(&big).expect_err("too big").contains("bytes"));
    }

    #[test]
    fn duplicate_keys_keep_the_last_value() {
        let release = parse("default_process_types:\n  web: a\n  web: b\n").expect("valid");
        assert_eq!(release.default_process_types, pairs(&[("web", "b")]));
    }
}
