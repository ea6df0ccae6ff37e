//! The platform's words about a dyno's memory, as Heroku logs them under `heroku[web.1]`; every
//! backend says them the same way.

const MIB: u64 = 1024 * 1024;

/// How often R14 is repeated while a dyno stays over its quota.
pub(super) const R14_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// A dyno over its quota (`used` and `quota` in bytes): the sample, then R14.
pub(super) fn r14(used: u64, quota: u64) -> [String; 2] {
    [
        format!(
            "Process running mem={}M({:.1}%)",
            used / MIB,
            used as f64 * 100.0 / quota.max(1) as f64
        ),
        "Error R14 (Memory quota exceeded)".to_owned(),
    ]
}

/// A dyno the kernel killed at twice its quota: the sample, R15, and the kill of what is left.
pub(super) fn r15(quota: u64) -> [String; 3] {
    [
        format!("Process running mem={}M(200.0%)", quota * 2 / MIB),
        "Error R15 (Memory quota vastly exceeded)".to_owned(),
        "Stopping process with SIGKILL".to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn r14_and_r15_read_as_heroku_logs_them() {
        let quota = 512 * super::MIB;
        assert_eq!(
            super::r14(768 * super::MIB, quota),
            [
                "Process running mem=768M(150.0%)".to_owned(),
                "Error R14 (Memory quota exceeded)".to_owned()
            ]
        );
        assert_eq!(super::r15(quota)[0], "Process running mem=1024M(200.0%)");
        assert_eq!(
            super::r15(quota)[1],
            "Error R15 (Memory quota vastly exceeded)"
        );
    }
}
