//! Properties of the log line split `tug logs --json` does: any line is split or left whole
//! (never a panic), and a line the platform writes splits back into what it was made of.

use proptest::prelude::*;

use super::*;
use crate::props::config;
use crate::server::logs::LogLine;

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_line_splits_into_pieces_of_itself(line in prop_oneof![
        any::<String>(),
        "[0-9T:.+-]{0,6} ?[a-z]{0,4}\\[?[a-z.0-9\\]:]{0,6} ?.{0,6}",
    ]) {
        if let Some(parsed) = parse(&line) {
            for piece in [parsed.timestamp, parsed.source, parsed.dyno, parsed.message] {
                prop_assert!(line.contains(piece));
            }
        }
    }

    #[test]
    fn a_platform_line_splits_back(
        micros in 0..4_102_444_800_000_000i64,
        source in prop_oneof![Just("app"), Just("heroku")],
        dyno in "(web|worker|run|router|api)(\\.[0-9]{1,3})?",
        message in "[^\n]*",
    ) {
        let line = LogLine { seq: 0, micros, source: source.into(), dyno: dyno.clone(), message: message.clone() };
        let written = line.render();
        let parsed = parse(&written).unwrap();
        prop_assert_eq!(parsed.timestamp, line.timestamp());
        prop_assert_eq!(parsed.source, source);
        prop_assert_eq!(parsed.dyno, dyno.as_str());
        prop_assert_eq!(parsed.message, message.as_str());
    }
}
