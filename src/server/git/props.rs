//! Properties of the ref updates a push's hook reads: any input sends at most one branch update
//! that it holds (never the deletion of `main` or `master`), or is refused in words that quote
//! only its own ref names (never a panic); pushing `main` alone deploys it.

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

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_input_sends_at_most_one_branch_update_it_holds(input in prop_oneof![
        any::<String>(),
        proptest::collection::vec(update(), 0..4).prop_map(|lines| lines.join("\n")),
    ]) {
        match deployed_update(&input) {
            Ok(Some((refname, old, new))) => {
                prop_assert!(refname.starts_with("refs/heads/"));
                if refname == "refs/heads/main" || refname == "refs/heads/master" {
                    prop_assert!(new != ZERO_SHA);
                }
                let line = format!("{old} {new} {refname}");
                prop_assert!(input.lines().any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ").starts_with(&line)));
            }
            Ok(None) => {
                // Every update line deploys or refuses: none means there was none.
                prop_assert!(input.lines().all(|l| l.split_whitespace().count() < 3));
            }
            Err(lines) => {
                prop_assert!(!lines.is_empty());
                for line in &lines {
                    // The advice quotes the branch inside a command: check the branch.
                    let line = line.replace("`git push tug ", "`").replace(":main`", "`");
                    prop_assert!(quotes_only(&line, &input, WORDS), "{line}");
                }
            }
        }
    }

    #[test]
    fn pushing_main_alone_deploys_it(old in sha(), new in "[0-9a-f]{40}", master in any::<bool>()) {
        prop_assume!(new != ZERO_SHA);
        let refname = if master { "refs/heads/master" } else { "refs/heads/main" };
        let input = format!("{old} {new} {refname}\n");
        prop_assert_eq!(deployed_update(&input), Ok(Some((refname.to_owned(), old, new))));
    }
}
