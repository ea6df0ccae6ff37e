//! The platform's words about a dyno's memory, as Heroku logs them under `heroku[web.1]`: R14,
//! R15 and `log-runtime-metrics` samples; every backend says them the same way.

use super::backend::Launch;

const MIB: u64 = 1024 * 1024;

/// How often R14 is repeated while a dyno stays over its quota.
pub(super) const R14_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// How often `log-runtime-metrics` samples a dyno, as on Heroku.
pub(super) const METRICS_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// `log-runtime-metrics`: the `source=web.1 dyno=heroku.APP.ID` that starts each of a dyno's
/// samples, when its app has the feature on.
pub(super) fn metrics_source(launch: &Launch<'_>) -> Option<String> {
    launch.release.switches.runtime_metrics.then(|| {
        format!(
            "source={} dyno=heroku.{}.{}",
            launch.name, launch.release.app_id, launch.id
        )
    })
}

/// One sample: memory in use and the quota (bytes), and load as CPU-seconds used per second
/// over the interval (what the dyno's own processes kept busy, not the machine's run queue).
pub(super) fn metrics_sample(source: &str, used: u64, quota: u64, load: f64) -> String {
    format!(
        "{source} sample#memory_total={:.2}MB sample#memory_quota={:.2}MB sample#load_avg_1m={load:.2}",
        used as f64 / MIB as f64,
        quota as f64 / MIB as f64,
    )
}

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

    #[test]
    fn a_metrics_sample_reads_as_heroku_logs_it() {
        assert_eq!(
            super::metrics_sample(
                "source=web.1 dyno=heroku.a.b",
                3 * super::MIB / 2,
                512 * super::MIB,
                0.256
            ),
            "source=web.1 dyno=heroku.a.b sample#memory_total=1.50MB sample#memory_quota=512.00MB sample#load_avg_1m=0.26"
        );
    }
}
