//! Values, tables and records as a terminal or a pipe should see them: aligned columns with
//! relative times on a terminal, tab-separated rows with RFC 3339 times when piped.

use console::Style;

use crate::api::Timestamp;

/// One cell of output. Times render as "2m ago" on a terminal and RFC 3339 when piped.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Time(Timestamp),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub(super) fn render(&self, tty: bool, now: Timestamp) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Time(t) if tty => t.ago(now),
            Value::Time(t) => t.to_rfc3339(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Timestamp> for Value {
    fn from(t: Timestamp) -> Value {
        Value::Time(t)
    }
}

/// Rows of cells. On a terminal: aligned columns under dim upper-case headers, the `flex`
/// column shortened with `…` to fit the width. Piped: tab-separated, no header, each cell
/// escaped so that a row stays one line (`\t`, `\n`, `\\`).
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
    /// The column that gives up width on a narrow terminal.
    pub flex: Option<usize>,
}

impl Table {
    pub fn new(headers: Vec<&'static str>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
            flex: None,
        }
    }

    pub fn flex(mut self, column: usize) -> Table {
        self.flex = Some(column);
        self
    }

    pub fn row(&mut self, cells: Vec<Value>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self, tty: bool, width: Option<usize>, now: Timestamp, color: bool) -> String {
        let mut text = String::new();
        if !tty {
            for row in &self.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| escape_tsv(&c.render(false, now)))
                    .collect();
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            return text;
        }
        let columns = self.headers.len();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                (0..columns)
                    .map(|i| {
                        row.get(i)
                            .map(|c| sanitize(&c.render(true, now)))
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.len()).collect();
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(console::measure_text_width(cell));
            }
        }
        const GAP: usize = 2;
        if let Some(total) = width {
            // The chosen column gives up width first, then the widest of the rest, so that
            // a row never wraps: a wrapped URL reads as two.
            let mut order: Vec<usize> = self.flex.filter(|f| *f < columns).into_iter().collect();
            for _ in 0..columns {
                let used: usize = widths.iter().sum::<usize>() + GAP * columns.saturating_sub(1);
                if used <= total {
                    break;
                }
                let next = order.pop().or_else(|| {
                    (0..columns)
                        .filter(|i| widths[*i] > self.headers[*i].len().max(8))
                        .max_by_key(|i| widths[*i])
                });
                let Some(shrink) = next else { break };
                let others = used - widths[shrink];
                widths[shrink] = total
                    .saturating_sub(others)
                    .max(self.headers[shrink].len())
                    .max(8)
                    .min(widths[shrink]);
            }
        }
        let dim = Style::new().dim();
        let header: Vec<String> = self.headers.iter().map(|h| h.to_uppercase()).collect();
        let lines = std::iter::once((header, true)).chain(cells.into_iter().map(|r| (r, false)));
        for (row, is_header) in lines {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                let cell = console::truncate_str(cell, widths[i], "…");
                let last = i + 1 == columns;
                let padded = if last {
                    cell.to_string()
                } else {
                    console::pad_str(&cell, widths[i], console::Alignment::Left, None).to_string()
                };
                if is_header && color {
                    line.push_str(&dim.apply_to(&padded).to_string());
                } else {
                    line.push_str(&padded);
                }
                if !last {
                    line.push_str(&" ".repeat(GAP));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

/// Ends any style (colour, bold) still open at a line break, so that a line cut or wrapped by
/// the terminal never carries it into the next one.
pub fn close_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("\x1b[")
            && let Some(end) = after.find(|c: char| !(c.is_ascii_digit() || c == ';'))
            && after[end..].starts_with('m')
        {
            let params = &after[..end];
            open = !(params.is_empty() || params == "0");
            let len = 2 + end + 1;
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if c == '\n' && open {
            out.push_str("\x1b[0m");
            open = false;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `Key:  value` lines for one record. Multi-line values are escaped so the layout holds.
pub fn render_object(pairs: &[(&str, Value)], tty: bool, now: Timestamp) -> String {
    let width = pairs.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0);
    let mut text = String::new();
    for (key, value) in pairs {
        let label = format!("{key}:");
        let value = sanitize(&value.render(tty, now));
        text.push_str(format!("{label:<width$}  {value}").trim_end());
        text.push('\n');
    }
    text
}

/// A cell of tab-separated output: tab, newline, carriage return and backslash escaped.
pub fn escape_tsv(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a terminal: control characters (escape sequences from the data included) are shown
/// escaped rather than sent to the terminal.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::out::Out;

    fn sample() -> Table {
        let mut t = Table::new(vec!["version", "description", "user", "created"]).flex(1);
        t.row(vec![
            "v3".into(),
            "Remove FOO config vars".into(),
            "admin@localhost".into(),
            Value::Time(Timestamp(1_767_268_800 - 120)),
        ]);
        t.row(vec![
            "v2".into(),
            "Set FOO, MSG config vars".into(),
            "admin@localhost".into(),
            Value::Time(Timestamp(1_767_268_800 - 7200)),
        ]);
        t
    }

    #[test]
    fn tables_on_a_terminal_are_aligned_with_headers_and_relative_times() {
        let out = Out::test(true);
        out.table(&sample()).unwrap();
        assert_eq!(
            out.stdout_text(),
            "VERSION  DESCRIPTION               USER             CREATED\n\
             v3       Remove FOO config vars    admin@localhost  2m ago\n\
             v2       Set FOO, MSG config vars  admin@localhost  2h ago\n"
        );
    }

    #[test]
    fn piped_tables_are_tab_separated_without_header_and_with_rfc3339_times() {
        let out = Out::test(false);
        out.table(&sample()).unwrap();
        assert_eq!(
            out.stdout_text(),
            "v3\tRemove FOO config vars\tadmin@localhost\t2026-01-01T11:58:00Z\n\
             v2\tSet FOO, MSG config vars\tadmin@localhost\t2026-01-01T10:00:00Z\n"
        );
    }

    #[test]
    fn piped_cells_are_escaped_so_rows_stay_on_one_line() {
        let mut t = Table::new(vec!["key", "value"]);
        t.row(vec!["A".into(), "tab\there\nnew\\line".into()]);
        assert_eq!(
            t.render(false, None, Timestamp(0), false),
            "A\ttab\\there\\nnew\\\\line\n"
        );
        assert_eq!(escape_tsv("plain"), "plain");
    }

    #[test]
    fn narrow_terminals_shorten_the_flex_column() {
        let text = sample().render(true, Some(50), Timestamp(1_767_268_800), false);
        for line in text.lines() {
            assert!(console::measure_text_width(line) <= 50, "{line:?}");
        }
        assert!(text.contains('…'));
    }

    #[test]
    fn without_a_flex_column_the_longest_gives_way() {
        let mut t = Table::new(vec!["name", "web url"]);
        t.row(vec![
            "demo".into(),
            "http://demo.a-rather-long-domain.example.com:7780/".into(),
        ]);
        t.row(vec!["x".into(), "http://x.localhost/".into()]);
        let text = t.render(true, Some(30), Timestamp(0), true);
        for line in text.lines() {
            assert!(console::measure_text_width(line) <= 30, "{line:?}");
        }
        assert!(text.contains("http://demo.a-rather-lo…"), "{text}");
        assert!(text.contains("x     http://x.localhost/"), "{text}");
    }

    #[test]
    fn styles_end_before_line_breaks() {
        assert_eq!(
            close_styles("\x1b[1mbold\nplain\n"),
            "\x1b[1mbold\x1b[0m\nplain\n"
        );
        assert_eq!(close_styles("\x1b[2mdim\x1b[0m\n"), "\x1b[2mdim\x1b[0m\n");
    }

    #[test]
    fn terminal_cells_never_carry_control_characters() {
        let mut t = Table::new(vec!["name"]);
        t.row(vec!["evil\x1b[31mred\nnext".into()]);
        let text = t.render(true, Some(80), Timestamp(0), false);
        assert!(!text.contains('\x1b'));
        assert!(text.contains("evil\\u{1b}[31mred\\nnext"));
    }

    #[test]
    fn empty_tables_print_only_the_header_on_a_terminal_and_nothing_when_piped() {
        let t = Table::new(vec!["name"]);
        assert_eq!(t.render(true, None, Timestamp(0), false), "NAME\n");
        assert_eq!(t.render(false, None, Timestamp(0), false), "");
    }

    #[test]
    fn objects_align_keys_and_pick_time_format_by_tty() {
        let pairs = [
            ("Owner", Value::text("admin@localhost")),
            ("Created", Value::Time(Timestamp(1_767_268_800 - 60))),
        ];
        assert_eq!(
            render_object(&pairs, true, Timestamp(1_767_268_800)),
            "Owner:    admin@localhost\nCreated:  1m ago\n"
        );
        assert_eq!(
            render_object(&pairs, false, Timestamp(1_767_268_800)),
            "Owner:    admin@localhost\nCreated:  2026-01-01T11:59:00Z\n"
        );
    }
}
