//! Properties of the ref updates a push's hook reads: any input sends at most one branch update
//! that it holds (never the deletion of `main` or `master`) and keeps every tag it pushes, or
//! is refused in words that quote only its own ref names (never a panic); pushing `main` alone
//! deploys it, and tags alone are kept and never refused.

use proptest::prelude::*;

use super::*;
use crate::props::{config, quotes_only};

const WORDS: &[&str] = &["main", "master"];

fn sha() -> impl Strategy<Value = String> {
    prop_oneof![Just(ZERO_SHA.to_owned()), "[0-9a-f]{40}"]
}

fn update() -> impl Strategy<Value = String> {
    (
        sha(),
        sha(),
        prop_oneof![
            Just("refs/heads/main".to_owned()),
            Just("refs/heads/master".to_owned()),
            "refs/heads/[a-z/-]{1,8}",
            "refs/tags/[a-z0-9.]{1,6}",
            "[a-z/]{0,10}",
        ],
    )
        .prop_map(|(old, new, refname)| format!("{old} {new} {refname}"))
}

/// The input's update lines, whitespace normalised, as `(old, new, refname)`.
fn lines_of(input: &str) -> Vec<(String, String, String)> {
    input
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some((
                parts.next()?.to_owned(),
                parts.next()?.to_owned(),
                parts.next()?.to_owned(),
            ))
        })
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_input_sends_at_most_one_branch_update_it_holds(input in prop_oneof![
        any::<String>(),
        proptest::collection::vec(update(), 0..4).prop_map(|lines| lines.join("\n")),
    ]) {
        let lines = lines_of(&input);
        match pushed_refs(&input) {
            Ok(pushed) => {
                if let Some((refname, old, new)) = &pushed.branch {
                    prop_assert!(refname.starts_with("refs/heads/"));
                    if refname == "refs/heads/main" || refname == "refs/heads/master" {
                        prop_assert!(new != ZERO_SHA);
                    }
                    let held = (old.clone(), new.clone(), refname.clone());
                    prop_assert!(lines.contains(&held));
                }
                // Every tag line is kept or deleted as it says; nothing else is dropped.
                let tags: Vec<(String, bool)> = lines
                    .iter()
                    .filter_map(|(_, new, r)| {
                        Some((r.strip_prefix("refs/tags/")?.to_owned(), new != ZERO_SHA))
                    })
                    .collect();
                prop_assert_eq!(&pushed.tags, &tags);
                prop_assert_eq!(lines.len(), tags.len() + usize::from(pushed.branch.is_some()));
                for note in tag_notes(&pushed.tags) {
                    let note = note.replace("`tug deploy ", "`").replace("`git push tug ", "`");
                    let note = note.replace("~0:main`", "`");
                    prop_assert!(quotes_only(&note, &input, WORDS), "{note}");
                }
            }
            Err(refusal) => {
                prop_assert!(!refusal.is_empty());
                for line in &refusal {
                    prop_assert!(quotes_only(line, &input, WORDS), "{line}");
                }
            }
        }
    }

    #[test]
    fn pushing_main_alone_deploys_it(old in sha(), new in "[0-9a-f]{40}", master in any::<bool>()) {
        prop_assume!(new != ZERO_SHA);
        let refname = if master { "refs/heads/master" } else { "refs/heads/main" };
        let input = format!("{old} {new} {refname}\n");
        let pushed = pushed_refs(&input);
        prop_assert_eq!(pushed, Ok(PushedRefs {
            branch: Some((refname.to_owned(), old, new)),
            tags: vec![],
        }));
    }

    #[test]
    fn tags_alone_are_kept_and_never_refused(
        tags in proptest::collection::vec((sha(), sha(), "[a-z0-9.]{1,6}"), 1..4),
    ) {
        let input: String = tags
            .iter()
            .map(|(old, new, tag)| format!("{old} {new} refs/tags/{tag}\n"))
            .collect();
        let pushed = pushed_refs(&input).map_err(|e| TestCaseError::fail(e.join("\n")))?;
        prop_assert_eq!(pushed.branch, None);
        prop_assert_eq!(pushed.tags.len(), tags.len());
    }
}
