//! Properties of `.slugignore`: any text gives patterns that never climb out of the app
//! (never a panic), the matchers agree with plain recursive ones written from the documented
//! rules, and applying it removes exactly what matches and nothing outside the build dir.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::props::config;

/// One unit of a component pattern, as the documented rules read it.
#[derive(Debug)]
enum Token {
    Star,
    AnyChar,
    Class(Vec<char>),
    Literal(char),
}

fn tokens(pattern: &str) -> Vec<Token> {
    let p: Vec<char> = pattern.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => out.push(Token::Star),
            '?' => out.push(Token::AnyChar),
            '[' => match class(&p[i..], '\0') {
                Some((_, len)) => {
                    out.push(Token::Class(p[i..i + len].to_vec()));
                    i += len;
                    continue;
                }
                None => out.push(Token::Literal('[')),
            },
            '\\' if i + 1 < p.len() => {
                out.push(Token::Literal(p[i + 1]));
                i += 2;
                continue;
            }
            c => out.push(Token::Literal(c)),
        }
        i += 1;
    }
    out
}

/// Plain recursive matching of tokens against a name.
fn reference_glob(tokens: &[Token], name: &[char]) -> bool {
    match tokens.split_first() {
        None => name.is_empty(),
        Some((Token::Star, rest)) => {
            reference_glob(rest, name) || (!name.is_empty() && reference_glob(tokens, &name[1..]))
        }
        Some((token, rest)) => match name.split_first() {
            None => false,
            Some((&c, name_rest)) => {
                let one = match token {
                    Token::AnyChar => true,
                    Token::Literal(l) => *l == c,
                    Token::Class(p) => class(p, c).is_some_and(|(matched, _)| matched),
                    Token::Star => unreachable!(),
                };
                one && reference_glob(rest, name_rest)
            }
        },
    }
}

/// Plain recursive matching of path parts, trying every split for `**`.
fn reference_parts(parts: &[String], path: &[&str]) -> bool {
    match parts.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| reference_parts(rest, &path[skip..]))
        }
        Some((first, rest)) => {
            !path.is_empty() && glob(first, path[0]) && reference_parts(rest, &path[1..])
        }
    }
}

fn component_pattern() -> impl Strategy<Value = String> {
    "[ab.*?\\[\\]!^\\\\-]{0,7}"
}

fn component_name() -> impl Strategy<Value = String> {
    "[ab.\\[\\]!\\\\*-]{0,7}"
}

/// Text made of `.slugignore`'s own pieces.
fn slugignore_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n".to_owned()),
            Just("/".to_owned()),
            Just("**".to_owned()),
            Just("..".to_owned()),
            Just(".".to_owned()),
            Just("#".to_owned()),
            Just(" ".to_owned()),
            component_pattern(),
            "\\PC{0,3}",
        ],
        0..20,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn patterns_never_climb_out(text in prop_oneof![any::<String>(), slugignore_like()]) {
        for pattern in parse(&text) {
            prop_assert!(!pattern.parts.is_empty());
            for part in &pattern.parts {
                prop_assert!(!part.is_empty() && part != "." && part != "..");
                prop_assert!(!part.contains('/') && !part.contains('#'));
            }
        }
    }

    #[test]
    fn glob_agrees_with_the_rules(pattern in component_pattern(), name in component_name()) {
        let chars: Vec<char> = name.chars().collect();
        let hidden = name.starts_with('.') && pattern.starts_with(['*', '?', '[']);
        let expected = !hidden && reference_glob(&tokens(&pattern), &chars);
        prop_assert_eq!(glob(&pattern, &name), expected);
    }

    #[test]
    fn path_matching_agrees_with_trying_every_split(
        parts in proptest::collection::vec(prop_oneof![Just("**".to_owned()), "[ab*]{1,2}"], 1..6),
        path in proptest::collection::vec("[ab]{1,2}", 0..7),
    ) {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        prop_assert_eq!(match_parts(&parts, &path), reference_parts(&parts, &path));
    }
}

/// A small tree: files under `root`, some in folders, and a link to a folder outside.
fn tree() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set("(a|b|c\\.log|d)(/(a|b|c\\.log|\\.e)){0,2}", 1..10)
        .prop_map(|set| set.into_iter().collect())
}

fn files_under(dir: &Path) -> Vec<String> {
    crate::props::entries_under(dir)
        .into_iter()
        .filter(|(_, meta)| !meta.is_dir())
        .map(|(rel, _)| rel)
        .collect()
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn applying_removes_what_matches_and_nothing_outside(
        paths in tree(),
        text in prop_oneof![slugignore_like(), "(/?(\\*\\*|a|b|\\*|c\\.log|\\.\\.)/?){1,3}(\n(/?(\\*\\*|a|\\*\\.log|\\.\\.)){1,2}){0,2}"],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        let root = dir.path().join("root");
        std::fs::create_dir_all(outside.join("a")).unwrap();
        std::fs::write(outside.join("a/c.log"), "keep").unwrap();
        std::fs::create_dir_all(&root).unwrap();
        for path in &paths {
            let full = root.join(path);
            // A path that runs through an earlier file, or is an earlier folder, is skipped.
            if std::fs::create_dir_all(full.parent().unwrap()).is_ok() && !full.exists() {
                let _ = std::fs::write(&full, "x");
            }
        }
        std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
        std::fs::write(root.join(".slugignore"), &text).unwrap();
        let before = files_under(&root);
        let patterns = parse(&text);
        apply(&root).unwrap();

        prop_assert_eq!(files_under(&outside), vec!["a/c.log".to_owned()]);
        let after = files_under(&root);
        for file in &before {
            let parts: Vec<&str> = file.split('/').collect();
            // Removed when it or a folder above it matches.
            let matched = (1..=parts.len()).any(|n| patterns.iter().any(|p| p.matches(&parts[..n])));
            prop_assert_eq!(after.contains(file), !matched, "{} with {:?}", file, text);
        }
    }
}

#[test]
fn many_double_stars_against_a_deep_path_finish() {
    // Trying every split for every `**` took longer than the universe's age on this input.
    let text = format!("{}z\n", "**/".repeat(24));
    let patterns = parse(&text);
    let path: Vec<&str> = vec!["a"; 40];
    assert!(!patterns[0].matches(&path));
    let mut hit = path.clone();
    hit.push("z");
    assert!(patterns[0].matches(&hit));
}
