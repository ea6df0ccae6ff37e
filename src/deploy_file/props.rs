//! Properties of the `deploy.yml` reader: any text is a file, not ours, or an error that names
//! its line (never a panic), and a file written from its parts reads back as them.

use proptest::prelude::*;

use super::*;
use crate::props::config;
use crate::yaml::props::{quoted, yaml_like};

fn environment() -> impl Strategy<Value = Environment> {
    (
        "[a-z][a-z0-9 _/-]{0,15}",
        "[a-z][a-z0-9-]{1,28}[a-z0-9]",
        any::<bool>(),
        proptest::collection::btree_set("[!-~]([ -~]{0,30}[!-~])?", 0..4),
    )
        .prop_map(|(name, app, auto_merge, contexts)| Environment {
            name: name.trim().to_owned(),
            app,
            auto_merge,
            required_contexts: contexts.into_iter().collect(),
            pipeline: None,
            promote_from: None,
            line: 0,
            app_line: 0,
        })
}

fn deploy_file() -> impl Strategy<Value = DeployFile> {
    (
        proptest::option::of(".+"),
        proptest::collection::vec(environment(), 0..4),
    )
        .prop_map(|(default_branch, envs)| {
            let mut unique: Vec<Environment> = vec![];
            for env in envs {
                if !unique.iter().any(|e| e.name == env.name) {
                    unique.push(env);
                }
            }
            DeployFile {
                default_branch,
                envs: unique,
            }
        })
}

fn write(file: &DeployFile) -> String {
    let mut text = String::new();
    if let Some(branch) = &file.default_branch {
        text.push_str(&format!("default_branch: {}\n", quoted(branch)));
    }
    text.push_str("envs:\n");
    for env in &file.envs {
        text.push_str(&format!("  - name: {}\n", quoted(&env.name)));
        text.push_str(&format!("    app: {}\n", env.app));
        text.push_str(&format!("    auto_merge: {}\n", env.auto_merge));
        let contexts: Vec<String> = env.required_contexts.iter().map(|c| quoted(c)).collect();
        text.push_str(&format!(
            "    required_contexts: [{}]\n",
            contexts.join(", ")
        ));
    }
    text
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_is_read_or_refused_with_its_line(text in prop_oneof![any::<String>(), yaml_like()]) {
        if let Err(e) = parse(&text) {
            prop_assert!(e.starts_with("line "), "{e}");
        }
    }

    #[test]
    fn ours_or_not_by_its_keys(text in yaml_like()) {
        let text = format!("envs:\n{text}");
        // Starting with `envs:` makes it ours whatever follows: a file or an error, never skipped.
        if let Ok(None) = parse(&text) {
            prop_assert!(!matches!(crate::yaml::load(&text).map(|n| n.value), Ok(Value::Map(_))));
        }
    }

    #[test]
    fn a_written_file_reads_back(file in deploy_file()) {
        let text = write(&file);
        let mut read = parse(&text).unwrap().unwrap();
        for env in &mut read.envs {
            prop_assert!(env.line >= 1 && env.app_line >= env.line);
            (env.line, env.app_line) = (0, 0);
        }
        prop_assert_eq!(read, file);
    }
}
