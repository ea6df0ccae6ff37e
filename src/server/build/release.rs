//! The output of a buildpack's `bin/release`: a YAML mapping with the documented keys
//! `default_process_types` (type → command), the legacy `config_vars` (name → value) and `addons`
//! (ignored here). Only the first YAML document is read, as Ruby's `YAML.load` did on Heroku.
//!
//! Scalars are taken as written (`port: 0x10` is the string `0x10`), since both maps hold strings.
//! Aliases are refused rather than expanded, so a small document cannot grow without bound.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::procfile::type_name_problem;

/// The longest `bin/release` output read.
pub const MAX_RELEASE_BYTES: usize = 1024 * 1024;

/// Deepest nesting accepted; the documented keys need three levels.
const MAX_DEPTH: usize = 32;

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
    let entries = match root {
        Node::Null => return Ok(release),
        Node::Map(entries) => entries,
        other => {
            return Err(format!(
                "expected a mapping at the top level, found {}",
                other.kind()
            ));
        }
    };
    for (key, value) in entries {
        let Node::Scalar(key) = key else {
            return Err(format!("expected text keys, found {}", key.kind()));
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
    let entries = match value {
        Node::Null => return Ok(Vec::new()),
        Node::Map(entries) => entries,
        other => {
            return Err(format!("`{key}` must be a mapping, found {}", other.kind()));
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let Node::Scalar(k) = k else {
            return Err(format!("`{key}`: expected text keys, found {}", k.kind()));
        };
        let v = match v {
            Node::Scalar(v) => v,
            Node::Null => String::new(),
            other => {
                return Err(format!(
                    "`{key}`: the value of `{k}` must be text, found {}",
                    other.kind()
                ));
            }
        };
        out.push((k, v));
    }
    Ok(out)
}

#[derive(Debug)]
enum Node {
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Scalar(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// Builds a tree from parser events for the first document.
#[derive(Default)]
struct Builder {
    /// Open collections; a map keeps its pending key.
    stack: Vec<(Node, Option<Node>)>,
    root: Option<Node>,
    error: Option<String>,
}

impl Builder {
    fn fail(&mut self, message: String, mark: Marker) {
        if self.error.is_none() {
            self.error = Some(format!("{message} at line {}", mark.line()));
        }
    }

    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(_) => {}
        }
    }

    fn open(&mut self, node: Node, mark: Marker) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(format!("nested deeper than {MAX_DEPTH} levels"), mark);
            return;
        }
        self.stack.push((node, None));
    }

    fn close(&mut self) {
        if let Some((node, _)) = self.stack.pop() {
            self.push_value(node);
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::Alias(_) => self.fail("YAML aliases are not supported".to_owned(), mark),
            Event::Scalar(value, style, _, _) => {
                let null = style == TScalarStyle::Plain
                    && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL");
                self.push_value(if null {
                    Node::Null
                } else {
                    Node::Scalar(value)
                });
            }
            Event::SequenceStart(..) => self.open(Node::Seq(Vec::new()), mark),
            Event::MappingStart(..) => self.open(Node::Map(Vec::new()), mark),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

fn load(text: &str) -> Result<Node, String> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let mark = e.marker();
        format!("{} at line {}", e.info(), mark.line())
    })?;
    if let Some(error) = builder.error {
        return Err(error);
    }
    // Keys that are themselves maps or lists are rejected above; duplicate keys are resolved
    // in document order (last wins), as most YAML loaders do.
    Ok(builder.root.unwrap_or(Node::Null))
}

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
