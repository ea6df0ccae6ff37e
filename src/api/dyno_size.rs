//! Dyno sizes: the one table of what each size is. The API answers with it (`/dyno-sizes`)
//! and the sandbox turns the same rows into memory, process and CPU limits, so what a client
//! reads is what a dyno gets.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{GENERATION_ID, GENERATION_NAME, NamedRef};

/// One size and the limits the runtime applies to a dyno of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeSpec {
    pub name: &'static str,
    pub id: Uuid,
    /// The memory a dyno may use, in MiB; the platform warns past it (R14) and the kernel
    /// kills at twice it (R15).
    pub memory_mb: u64,
    /// The most processes (and threads) a dyno may have at once.
    pub processes: u64,
    /// Relative CPU weight, 1024 for the smallest size.
    pub cpu_shares: u64,
}

/// Ids are fixed so they stay the same across restarts and servers; standard-1X keeps the id
/// it had when it was the only size with one.
const fn size_id(n: u128) -> Uuid {
    Uuid::from_u128(0x6c6f_6361_6c00_4000_8000_0000_0000_0000 | n)
}

const fn spec(
    name: &'static str,
    id: u128,
    memory_mb: u64,
    processes: u64,
    cpu_shares: u64,
) -> SizeSpec {
    SizeSpec {
        name,
        id: size_id(id),
        memory_mb,
        processes,
        cpu_shares,
    }
}

/// The sizes Heroku's common runtime offers, smallest first.
pub const SIZES: &[SizeSpec] = &[
    spec("eco", 0x0001_0001, 512, 256, 1024),
    spec("basic", 0x0001_0002, 512, 256, 1024),
    spec("standard-1X", 0x0004, 512, 256, 1024),
    spec("standard-2X", 0x0001_0004, 1024, 256, 2048),
    spec("performance-M", 0x0001_0005, 2560, 16_384, 4096),
    spec("performance-L", 0x0001_0006, 14 * 1024, 16_384, 8192),
    spec("performance-L-RAM", 0x0001_0007, 30 * 1024, 16_384, 8192),
    spec("performance-XL", 0x0001_0008, 62 * 1024, 16_384, 8192),
    spec("performance-2XL", 0x0001_0009, 126 * 1024, 16_384, 8192),
];

/// The size names, in [`SIZES`] order.
pub const NAMES: &[&str] = &[
    SIZES[0].name,
    SIZES[1].name,
    SIZES[2].name,
    SIZES[3].name,
    SIZES[4].name,
    SIZES[5].name,
    SIZES[6].name,
    SIZES[7].name,
    SIZES[8].name,
];

/// A size by name (any case) or id.
pub fn find(ident: &str) -> Option<&'static SizeSpec> {
    SIZES
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(ident) || s.id.to_string() == ident)
}

/// A size by name, or the default size for a name that is not one (rows written before sizes
/// were checked).
pub fn spec_for(name: &str) -> &'static SizeSpec {
    find(name).unwrap_or(&SIZES[2])
}

/// `GET /dyno-sizes/{size}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynoSize {
    pub architecture: String,
    pub compute: i64,
    pub cost: Option<serde_json::Value>,
    pub dedicated: bool,
    pub precise_dyno_units: f64,
    pub generation: NamedRef,
    pub id: Uuid,
    /// GB of memory, as Heroku writes it (`0.5`).
    pub memory: f64,
    pub name: String,
    pub private_space_only: bool,
}

impl From<&SizeSpec> for DynoSize {
    fn from(s: &SizeSpec) -> Self {
        DynoSize {
            architecture: architecture().into(),
            compute: (s.cpu_shares / 1024) as i64,
            cost: None,
            // Sizes share the machine's cores by weight; none has a core to itself.
            dedicated: false,
            precise_dyno_units: s.memory_mb as f64 / 512.0,
            generation: NamedRef {
                id: GENERATION_ID,
                name: GENERATION_NAME.into(),
            },
            id: s.id,
            memory: s.memory_mb as f64 / 1024.0,
            name: s.name.into(),
            private_space_only: false,
        }
    }
}

/// Every size as the API shows it.
pub fn all() -> Vec<DynoSize> {
    SIZES.iter().map(DynoSize::from).collect()
}

/// The host's CPU architecture in the names Heroku uses.
fn architecture() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_has_its_own_id_and_name() {
        let mut ids: Vec<Uuid> = SIZES.iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), SIZES.len());
        assert_eq!(NAMES.len(), SIZES.len());
        for (n, s) in NAMES.iter().zip(SIZES) {
            assert_eq!(*n, s.name);
        }
        assert_eq!(
            find("standard-1X").map(|s| s.id),
            Some(super::super::DYNO_SIZE_ID)
        );
    }

    #[test]
    fn sizes_are_found_by_name_in_any_case_or_by_id() {
        assert_eq!(find("STANDARD-2x").map(|s| s.name), Some("standard-2X"));
        let id = SIZES[4].id.to_string();
        assert_eq!(find(&id).map(|s| s.name), Some("performance-M"));
        for bad in ["", "huge", "standard-3X", "e\nco", "x".repeat(300).as_str()] {
            assert!(find(bad).is_none(), "{bad:?}");
        }
        assert_eq!(spec_for("nonsense").name, "standard-1X");
    }

    #[test]
    fn the_api_shape_carries_the_limits() {
        let two = DynoSize::from(find("standard-2X").unwrap());
        assert_eq!(two.memory, 1.0);
        assert_eq!(two.compute, 2);
        let json = serde_json::to_value(&two).unwrap();
        assert!(json["cost"].is_null());
        assert_eq!(json["generation"]["name"], "cedar");
    }
}
