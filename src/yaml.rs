//! A small YAML tree for the YAML tug reads (buildpack `bin/release` output, `deploy.yml`):
//! the first document only, every node with the line it starts on so errors can name it.
//!
//! Scalars are kept as written (`port: 0x10` is the text `0x10`); callers decide what a value
//! means. Aliases are refused rather than expanded, so a small document cannot grow without
//! bound, and nesting is capped.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting accepted; what tug reads needs a handful of levels.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// 1-based line where the node starts.
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What the node is, for error messages: "a list", "text"…
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses the first document of `text`; an empty document is `Null`. Errors say the line.
pub fn load(text: &str) -> Result<Node, String> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| {
        let mark = e.marker();
        format!("{} at line {}", e.info(), mark.line())
    })?;
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or(Node {
        line: 1,
        value: Value::Null,
    }))
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
            Some((
                Node {
                    value: Value::Seq(items),
                    ..
                },
                _,
            )) => items.push(node),
            Some((
                Node {
                    value: Value::Map(entries),
                    ..
                },
                pending,
            )) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(_) => {}
        }
    }

    fn open(&mut self, value: Value, mark: Marker) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(format!("nested deeper than {MAX_DEPTH} levels"), mark);
            return;
        }
        self.stack.push((
            Node {
                line: mark.line(),
                value,
            },
            None,
        ));
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
                self.push_value(Node {
                    line: mark.line(),
                    value: if null {
                        Value::Null
                    } else {
                        Value::Scalar(value)
                    },
                });
            }
            Event::SequenceStart(..) => self.open(Value::Seq(Vec::new()), mark),
            Event::MappingStart(..) => self.open(Value::Map(Vec::new()), mark),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_lines() {
        let root = load("a: 1\nlist:\n  - x\n  - y\n").unwrap();
        let Value::Map(entries) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(entries[0].0.as_str(), Some("a"));
        assert_eq!(entries[0].0.line, 1);
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(items[1].as_str(), Some("y"));
        assert_eq!(items[1].line, 4);
    }

    #[test]
    fn bad_documents_say_where() {
        assert!(load("a: [1, 2\n").unwrap_err().contains("line"));
        assert!(load("a: &x 1\nb: *x\n").unwrap_err().contains("aliases"));
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert!(load(&deep).unwrap_err().contains("nested"));
        assert_eq!(load("").unwrap().value, Value::Null);
    }
}
