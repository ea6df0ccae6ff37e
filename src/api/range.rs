//! The `Range` request header of list endpoints and the `Next-Range` the server answers with:
//! `version ]10..; max=15, order=desc`. Parsing is lenient about separators (`;` or `,`, a
//! trailing `;`, an empty header) because real clients send all of those.
//!
//! Range values are sort keys the server hands back in `Next-Range` (a URL, an email, a status
//! context), so they may hold the grammar's own separators or bytes a header cannot carry. Those
//! are percent-encoded when a range is written and decoded when it is read, so that every
//! `Next-Range` reads back as the range it was: otherwise a client that follows it gets another
//! page than the next one, or the same page forever.

use std::cmp::Ordering;
use std::fmt;

pub const DEFAULT_MAX: usize = 200;
pub const MAX_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

/// One end of a range; `exclusive` is written as a leading `]` on the start value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub value: String,
    pub exclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub field: String,
    pub start: Option<Bound>,
    pub end: Option<String>,
    pub max: usize,
    pub order: Order,
}

impl Range {
    pub fn new(field: &str) -> Range {
        Range {
            field: field.to_string(),
            start: None,
            end: None,
            max: DEFAULT_MAX,
            order: Order::Asc,
        }
    }

    pub fn with_max(mut self, max: usize) -> Range {
        self.max = max.clamp(1, MAX_MAX);
        self
    }

    pub fn desc(mut self) -> Range {
        self.order = Order::Desc;
        self
    }

    /// Parses a header value. `Ok(None)` for an empty header (the official CLI sends `Range: ""`).
    pub fn parse(header: &str) -> Result<Option<Range>, String> {
        let header = header.trim();
        if header.is_empty() {
            return Ok(None);
        }
        let (field, rest) = match header.find(|c: char| c.is_whitespace() || c == ';' || c == ',') {
            Some(i) => (&header[..i], &header[i..]),
            None => (header, ""),
        };
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("invalid sort field `{field}`"));
        }
        let mut range = Range::new(field);
        let mut tokens = rest
            .split([';', ','])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .peekable();
        if let Some(first) = tokens.peek()
            && first.contains("..")
        {
            let (start, end) = first.split_once("..").unwrap_or((first, ""));
            let start = start.trim();
            if let Some(v) = start.strip_prefix(']') {
                range.start = Some(Bound {
                    value: decode(v)?,
                    exclusive: true,
                });
            } else if !start.is_empty() {
                range.start = Some(Bound {
                    value: decode(start)?,
                    exclusive: false,
                });
            }
            let end = end.trim();
            if !end.is_empty() {
                range.end = Some(decode(end)?);
            }
            tokens.next();
        }
        for token in tokens {
            let (key, value) = token
                .split_once('=')
                .map(|(k, v)| (k.trim(), v.trim()))
                .ok_or_else(|| format!("unexpected `{token}`"))?;
            match key {
                "max" => {
                    let max: usize = value
                        .parse()
                        .map_err(|_| format!("`max` must be a whole number, not `{value}`"))?;
                    if max == 0 {
                        return Err("`max` must be at least 1".to_string());
                    }
                    range.max = max.min(MAX_MAX);
                }
                "order" => {
                    range.order = match value {
                        "asc" => Order::Asc,
                        "desc" => Order::Desc,
                        _ => return Err(format!("`order` must be `asc` or `desc`, not `{value}`")),
                    }
                }
                _ => return Err(format!("unknown range option `{key}`")),
            }
        }
        Ok(Some(range))
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.field)?;
        if let Some(start) = &self.start {
            if start.exclusive {
                f.write_str("]")?;
            }
            f.write_str(&encode(&start.value))?;
        }
        f.write_str("..")?;
        if let Some(end) = &self.end {
            f.write_str(&encode(end))?;
        }
        write!(f, "; max={}", self.max)?;
        if self.order == Order::Desc {
            f.write_str(", order=desc")?;
        }
        Ok(())
    }
}

/// A range value as written in a header: `%`, `;`, `,`, anything but visible ASCII, a leading
/// `]` and a `.` that could join a `..` (one beside another, or at either end) are
/// percent-encoded; everything else, what ids, names and versions are made of, is kept as is.
fn encode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    for (i, &b) in bytes.iter().enumerate() {
        let dot_at_risk = b == b'.'
            && (i == 0
                || i + 1 == bytes.len()
                || bytes[i - 1] == b'.'
                || bytes.get(i + 1) == Some(&b'.'));
        let special = matches!(b, b'%' | b';' | b',') || (i == 0 && b == b']') || dot_at_risk;
        if b.is_ascii_graphic() && !special {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A range value as read from a header: `%XX` is the byte XX; a `%` not followed by two hex
/// digits stands for itself.
fn decode(raw: &str) -> Result<String, String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("range value `{raw}` is not UTF-8 once decoded"))
}

/// A value a list can be sorted on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Int(i64),
    Str(String),
}

impl SortKey {
    fn parse_like(&self, raw: &str) -> Result<SortKey, String> {
        match self {
            SortKey::Int(_) => raw
                .trim_start_matches('v')
                .parse()
                .map(SortKey::Int)
                .map_err(|_| format!("range value `{raw}` is not a number")),
            SortKey::Str(_) => Ok(SortKey::Str(raw.to_string())),
        }
    }

    fn render(&self) -> String {
        match self {
            SortKey::Int(i) => i.to_string(),
            SortKey::Str(s) => s.clone(),
        }
    }
}

/// One page of a list: the items, the total before paging, and the range of the next page
/// when more items remain (and only then, or clients that follow `Next-Range` loop forever).
pub struct Page<T> {
    pub items: Vec<T>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub next: Option<Range>,
}

/// Sorts `items` by `key` in the range's order, applies its bounds and `max`.
pub fn paginate<T>(
    mut items: Vec<T>,
    range: &Range,
    key: impl Fn(&T) -> SortKey,
) -> Result<Page<T>, String> {
    items.sort_by_key(|a| key(a));
    if range.order == Order::Desc {
        items.reverse();
    }
    let Some(sample) = items.first().map(&key) else {
        return Ok(Page {
            items,
            first: None,
            last: None,
            next: None,
        });
    };
    let start = match &range.start {
        Some(b) => Some((sample.parse_like(&b.value)?, b.exclusive)),
        None => None,
    };
    let end = match &range.end {
        Some(e) => Some(sample.parse_like(e)?),
        None => None,
    };
    // "Before" and "after" follow the iteration order, so a desc range walks downwards.
    let forward = |a: &SortKey, b: &SortKey| match range.order {
        Order::Asc => a.cmp(b),
        Order::Desc => b.cmp(a),
    };
    let mut kept: Vec<T> = items
        .into_iter()
        .filter(|item| {
            let k = key(item);
            let after_start = match &start {
                None => true,
                Some((s, true)) => forward(&k, s) == Ordering::Greater,
                Some((s, false)) => forward(&k, s) != Ordering::Less,
            };
            let before_end = match &end {
                None => true,
                Some(e) => forward(&k, e) != Ordering::Greater,
            };
            after_start && before_end
        })
        .collect();
    let more = kept.len() > range.max;
    kept.truncate(range.max);
    let first = kept.first().map(|i| key(i).render());
    let last = kept.last().map(|i| key(i).render());
    let next = match (&last, more) {
        (Some(last), true) => Some(Range {
            field: range.field.clone(),
            start: Some(Bound {
                value: last.clone(),
                exclusive: true,
            }),
            end: range.end.clone(),
            max: range.max,
            order: range.order,
        }),
        _ => None,
    };
    Ok(Page {
        items: kept,
        first,
        last,
        next,
    })
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Range {
        Range::parse(s).unwrap().unwrap()
    }

    #[test]
    fn parses_what_real_clients_send() {
        let r = parse("version ..; max=15, order=desc");
        assert_eq!(
            (r.field.as_str(), r.max, r.order),
            ("version", 15, Order::Desc)
        );
        let r = parse("version ..; order=desc,max=1");
        assert_eq!((r.max, r.order), (1, Order::Desc));
        let r = parse("id ..; max=1000;");
        assert_eq!((r.field.as_str(), r.max), ("id", 1000));
        let r = parse("name ]a-first..; max=200");
        assert_eq!(
            r.start,
            Some(Bound {
                value: "a-first".into(),
                exclusive: true
            })
        );
        let r = parse("version 3..7");
        assert_eq!(r.start.unwrap().value, "3");
        assert_eq!(r.end.as_deref(), Some("7"));
        let r = parse("version");
        assert_eq!((r.max, r.order), (DEFAULT_MAX, Order::Asc));
        assert_eq!(parse("id ..; max=5000").max, MAX_MAX);
        assert_eq!(Range::parse("").unwrap(), None);
        assert_eq!(Range::parse("   ").unwrap(), None);
    }

    #[test]
    fn rejects_bad_headers() {
        for bad in [
            "version ..; max=abc",
            "version ..; max=0",
            "version ..; max=-1",
            "version ..; order=sideways",
            "version ..; color=red",
            "version ..; junk",
            "ver$ion ..",
            "; max=1",
        ] {
            assert!(Range::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn prints_what_it_parses() {
        for s in [
            "version ]10..; max=2, order=desc",
            "id ..; max=200",
            "name a..z; max=5",
        ] {
            assert_eq!(parse(s).to_string(), s);
            assert_eq!(parse(&parse(s).to_string()), parse(s));
        }
    }

    #[test]
    fn pages_walk_the_whole_list_once() {
        let items: Vec<i64> = (1..=7).collect();
        for order in [Order::Asc, Order::Desc] {
            let mut range = Range::new("version").with_max(3);
            range.order = order;
            let mut seen = vec![];
            let mut pages = 0;
            let mut next = Some(range);
            while let Some(r) = next {
                let page = paginate(items.clone(), &r, |i| SortKey::Int(*i)).unwrap();
                seen.extend(page.items);
                next = page.next;
                pages += 1;
            }
            assert_eq!(pages, 3);
            let mut expected = items.clone();
            if order == Order::Desc {
                expected.reverse();
            }
            assert_eq!(seen, expected);
        }
    }

    #[test]
    fn no_next_range_when_nothing_remains() {
        let page = paginate(vec![1, 2, 3], &Range::new("version").with_max(3), |i| {
            SortKey::Int(*i)
        })
        .unwrap();
        assert!(page.next.is_none());
        let page = paginate(Vec::<i64>::new(), &Range::new("version"), |i| {
            SortKey::Int(*i)
        })
        .unwrap();
        assert!(page.items.is_empty() && page.next.is_none());
    }

    #[test]
    fn bounds_and_bad_values() {
        let r = parse("version 2..4");
        let page = paginate((1..=6).collect(), &r, |i: &i64| SortKey::Int(*i)).unwrap();
        assert_eq!(page.items, vec![2, 3, 4]);
        let r = parse("version v5..; order=desc");
        let page = paginate((1..=6).collect(), &r, |i: &i64| SortKey::Int(*i)).unwrap();
        assert_eq!(page.items, vec![5, 4, 3, 2, 1]);
        let r = parse("version abc..");
        assert!(paginate(vec![1_i64], &r, |i| SortKey::Int(*i)).is_err());
    }
}
