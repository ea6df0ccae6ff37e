//! The CLI's TOML files (`config.toml`, `credentials.toml`) edited in place with `toml_edit`: a
//! write changes only the values that changed, so what a user wrote around them (comments,
//! order, spacing, keys tug does not know) survives `tug login` and `tug logout`.

use toml_edit::{DocumentMut, Item, Table};

/// A file's text as `toml_edit` read it, to write back with only tug's values changed.
#[derive(Debug, Clone, Default)]
pub struct TomlFile {
    doc: DocumentMut,
    /// The file had text: it keeps its own first lines instead of tug's header comment.
    had_text: bool,
}

impl TomlFile {
    pub fn parse(text: &str) -> Result<TomlFile, String> {
        let doc = text
            .parse()
            .map_err(|e: toml_edit::TomlError| toml_error(text, &e))?;
        Ok(TomlFile {
            doc,
            had_text: !text.trim().is_empty(),
        })
    }

    pub fn doc(&self) -> &DocumentMut {
        &self.doc
    }

    pub fn root_mut(&mut self) -> &mut Table {
        self.doc.as_table_mut()
    }

    /// The text to write; a new file starts with `header` (comment lines, each ending in `\n`).
    pub fn render(&self, header: &str) -> String {
        let body = self.doc.to_string();
        if self.had_text {
            body
        } else {
            format!("{header}{body}")
        }
    }
}

/// `line 3, column 9: invalid string` for a TOML syntax error.
pub fn toml_error(text: &str, err: &toml_edit::TomlError) -> String {
    let message = err.message().trim();
    let Some(span) = err.span() else {
        return message.to_string();
    };
    let before = &text.as_bytes()[..span.start.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    format!("line {line}, column {column}: {message}")
}

/// Sets `key` to a string, or removes it for `None`. A value that is already right is left as
/// it is, and a changed one keeps the comment written after it.
pub fn set_str(table: &mut Table, key: &str, value: Option<&str>) {
    let Some(value) = value else {
        table.remove(key);
        return;
    };
    match table.get_mut(key) {
        Some(item) if item.as_str() == Some(value) => {}
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            let mut new = toml_edit::Value::from(value);
            *new.decor_mut() = decor;
            *old = new;
        }
        _ => {
            table.insert(key, toml_edit::value(value));
        }
    }
}

/// The table at `key` in `parent`, made (as `[parent.key]`, after a blank line) when missing or
/// not a table. `implicit` tables print no header of their own (`[hosts]` above `[hosts."h"]`).
pub fn table_mut<'a>(parent: &'a mut Table, key: &str, implicit: bool) -> &'a mut Table {
    let item = parent.entry(key).or_insert(Item::None);
    if !item.is_table() {
        let mut table = Table::new();
        table.set_implicit(implicit);
        table.decor_mut().set_prefix("\n");
        *item = Item::Table(table);
    }
    match item {
        Item::Table(table) => table,
        _ => unreachable!("the item was made a table just above"),
    }
}

/// Removes the entries of `table` whose keys `keep` says no to.
pub fn retain(table: &mut Table, keep: impl Fn(&str) -> bool) {
    let gone: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !keep(k))
        .collect();
    for key in gone {
        table.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_keep_comments_order_and_unknown_keys() {
        let text = "# mine\napi_url = \"http://a\" # where\nextra = 1\n\n# the hosts\n[hosts.\"h:1\"]\nstore = \"file\"\n";
        let mut file = TomlFile::parse(text).unwrap();
        set_str(file.root_mut(), "api_url", Some("http://b"));
        let hosts = table_mut(file.root_mut(), "hosts", true);
        let host = table_mut(hosts, "h:2", false);
        set_str(host, "store", Some("keyring"));
        let host = table_mut(hosts, "h:1", false);
        set_str(host, "store", Some("file"));
        set_str(host, "email", None);
        assert_eq!(
            file.render("# header\n"),
            "# mine\napi_url = \"http://b\" # where\nextra = 1\n\n# the hosts\n[hosts.\"h:1\"]\nstore = \"file\"\n\n[hosts.\"h:2\"]\nstore = \"keyring\"\n"
        );
        retain(table_mut(file.root_mut(), "hosts", true), |h| h == "h:2");
        assert!(!file.render("").contains("h:1"));
    }

    #[test]
    fn new_files_start_with_the_header() {
        let mut file = TomlFile::parse("").unwrap();
        set_str(file.root_mut(), "api_url", Some("http://a"));
        assert_eq!(
            file.render("# header\n"),
            "# header\napi_url = \"http://a\"\n"
        );
    }
}
