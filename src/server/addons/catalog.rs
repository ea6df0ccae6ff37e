//! The add-on services this platform offers and their plans, with Heroku's figures: a plan
//! sets the connection limit and the storage (Postgres) or memory (Redis) an add-on gets.

use uuid::Uuid;

/// Which provider serves a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Postgres,
    Redis,
}

#[derive(Debug)]
pub struct Service {
    pub kind: Kind,
    pub id: Uuid,
    /// `heroku-postgresql`.
    pub name: &'static str,
    pub human_name: &'static str,
    /// Other names a user may type for it.
    pub aliases: &'static [&'static str],
    /// The start of generated add-on names (`postgresql-curved-12345`).
    pub name_prefix: &'static str,
    /// The attachment name of the first attachment (`DATABASE` → `DATABASE_URL`).
    pub default_attachment: &'static str,
    /// What to install when the provider's programs are missing.
    pub package: &'static str,
    pub plans: &'static [PlanSpec],
}

#[derive(Debug)]
pub struct PlanSpec {
    pub id: Uuid,
    /// `essential-0`.
    pub name: &'static str,
    pub human_name: &'static str,
    pub default: bool,
    pub connections: u32,
    /// Storage (Postgres) or memory (Redis), in MB.
    pub megabytes: u64,
    pub cents: i64,
}

impl PlanSpec {
    pub fn description(&self, service: &Service) -> String {
        let what = match service.kind {
            Kind::Postgres => "storage",
            Kind::Redis => "memory",
        };
        format!(
            "{} {}: {} of {what}, {} connections",
            service.human_name,
            self.human_name,
            megabytes(self.megabytes),
            self.connections
        )
    }
}

/// `1 GB`, `25 MB`.
pub fn megabytes(mb: u64) -> String {
    if mb >= 1024 && mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{mb} MB")
    }
}

const fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x6164_646f_6e00_4000_8000_0000_0000_0000 | n)
}

pub const SERVICES: &[Service] = &[
    Service {
        kind: Kind::Postgres,
        id: id(0x100),
        name: "heroku-postgresql",
        human_name: "Heroku Postgres",
        aliases: &["postgresql", "postgres"],
        name_prefix: "postgresql",
        default_attachment: "DATABASE",
        package: "postgresql",
        plans: &[
            PlanSpec {
                id: id(0x101),
                name: "essential-0",
                human_name: "Essential 0",
                default: true,
                connections: 20,
                megabytes: 1024,
                cents: 500,
            },
            PlanSpec {
                id: id(0x102),
                name: "essential-1",
                human_name: "Essential 1",
                default: false,
                connections: 20,
                megabytes: 10 * 1024,
                cents: 900,
            },
            PlanSpec {
                id: id(0x103),
                name: "essential-2",
                human_name: "Essential 2",
                default: false,
                connections: 40,
                megabytes: 32 * 1024,
                cents: 2000,
            },
            PlanSpec {
                id: id(0x104),
                name: "standard-0",
                human_name: "Standard 0",
                default: false,
                connections: 120,
                megabytes: 64 * 1024,
                cents: 5000,
            },
        ],
    },
    Service {
        kind: Kind::Redis,
        id: id(0x200),
        name: "heroku-redis",
        human_name: "Heroku Key-Value Store",
        aliases: &["redis"],
        name_prefix: "redis",
        default_attachment: "REDIS",
        package: "redis-server",
        plans: &[
            PlanSpec {
                id: id(0x201),
                name: "mini",
                human_name: "Mini",
                default: true,
                connections: 20,
                megabytes: 25,
                cents: 300,
            },
            PlanSpec {
                id: id(0x202),
                name: "premium-0",
                human_name: "Premium 0",
                default: false,
                connections: 40,
                megabytes: 50,
                cents: 1500,
            },
        ],
    },
];

/// A service by name, alias or id.
pub fn service(ident: &str) -> Option<&'static Service> {
    let ident = ident.trim();
    SERVICES
        .iter()
        .find(|s| s.name == ident || s.aliases.contains(&ident) || s.id.to_string() == ident)
}

/// One of a service's plans by short name (`mini`), full name (`heroku-redis:mini`) or id.
pub fn service_plan(service: &'static Service, ident: &str) -> Option<&'static PlanSpec> {
    let short = match ident.split_once(':') {
        Some((svc, plan)) if self::service(svc).is_some_and(|s| s.id == service.id) => plan,
        Some(_) => return None,
        None => ident,
    };
    service
        .plans
        .iter()
        .find(|p| p.name == short || p.id.to_string() == short)
}

/// A plan by its id or full name, whatever the service (`GET /plans/{plan}`).
pub fn plan(ident: &str) -> Option<(&'static Service, &'static PlanSpec)> {
    SERVICES.iter().find_map(|s| {
        s.plans
            .iter()
            .find(|p| p.id.to_string() == ident || full_name(s, p) == ident)
            .map(|p| (s, p))
    })
}

/// `heroku-postgresql:essential-0`.
pub fn full_name(service: &Service, plan: &PlanSpec) -> String {
    format!("{}:{}", service.name, plan.name)
}

/// What `addons:create` was given (`heroku-postgresql`, `postgres:standard-0`), resolved; the
/// error lists what would have been valid.
pub fn resolve(spec: &str) -> Result<(&'static Service, &'static PlanSpec), String> {
    let spec = spec.trim();
    let (svc, asked) = match spec.split_once(':') {
        Some((s, p)) => (s, Some(p)),
        None => (spec, None),
    };
    let Some(service) = service(svc) else {
        if let Some(found) = self::plan(spec) {
            return Ok(found);
        }
        let names: Vec<_> = SERVICES.iter().map(|s| format!("`{}`", s.name)).collect();
        return Err(format!(
            "unknown add-on service `{svc}`: this platform offers {}",
            names.join(", ")
        ));
    };
    let plan = match asked {
        None => service.plans.iter().find(|p| p.default),
        Some(p) => service
            .plans
            .iter()
            .find(|plan| plan.name == p || plan.id.to_string() == p),
    };
    plan.map(|p| (service, p)).ok_or_else(|| {
        let names: Vec<_> = service
            .plans
            .iter()
            .map(|p| format!("`{}`", full_name(service, p)))
            .collect();
        format!(
            "unknown plan `{}` of `{}`: valid plans are {}",
            asked.unwrap_or_default(),
            service.name,
            names.join(", ")
        )
    })
}

const ADJECTIVES: &[&str] = &[
    "amber",
    "ancient",
    "aqueous",
    "backlit",
    "broad",
    "calm",
    "clean",
    "closed",
    "concave",
    "convex",
    "cubic",
    "curly",
    "curved",
    "deep",
    "dimensional",
    "elliptical",
    "encircled",
    "flat",
    "fluffy",
    "graceful",
    "horizontal",
    "infinite",
    "lively",
    "metric",
    "nebulous",
    "octagonal",
    "opaque",
    "parallel",
    "polished",
    "rectangular",
    "round",
    "shallow",
    "sinuous",
    "slippery",
    "solid",
    "spherical",
    "square",
    "symmetrical",
    "tapered",
    "transparent",
    "triangular",
    "vertical",
    "vivid",
    "waving",
];

/// A generated add-on name: `postgresql-curved-12345`.
pub fn generate_name(service: &Service) -> String {
    let mut bytes = [0u8; 4];
    // Without randomness the names still differ by time; uniqueness is checked by the store.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        bytes = nanos.to_le_bytes();
    }
    let n = u32::from_le_bytes(bytes);
    let adjective = ADJECTIVES[(n as usize >> 17) % ADJECTIVES.len()];
    format!(
        "{}-{adjective}-{}",
        service.name_prefix,
        10_000 + n % 90_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_resolve_by_name_alias_and_plan() {
        let (s, p) = resolve("heroku-postgresql").unwrap();
        assert_eq!((s.name, p.name), ("heroku-postgresql", "essential-0"));
        let (s, p) = resolve("postgres:standard-0").unwrap();
        assert_eq!((s.name, p.name), ("heroku-postgresql", "standard-0"));
        let (s, p) = resolve("redis").unwrap();
        assert_eq!((s.name, p.name), ("heroku-redis", "mini"));
        let (s, p) = resolve("heroku-redis:premium-0").unwrap();
        assert_eq!((s.name, p.name), ("heroku-redis", "premium-0"));
        assert!(resolve(&p.id.to_string()).is_ok());
    }

    #[test]
    fn unknown_services_and_plans_list_the_valid_ones() {
        let err = resolve("heroku-postgresql:hobby-dev").unwrap_err();
        assert!(err.contains("`heroku-postgresql:essential-0`"), "{err}");
        assert!(err.contains("hobby-dev"), "{err}");
        let err = resolve("mongolab").unwrap_err();
        assert!(err.contains("`heroku-redis`"), "{err}");
        for bad in ["", ":", "heroku-redis:", "redis:essential-0"] {
            assert!(resolve(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn generated_names_look_like_herokus() {
        let s = service("postgres").unwrap();
        let name = generate_name(s);
        let parts: Vec<_> = name.split('-').collect();
        assert_eq!(parts.len(), 3, "{name}");
        assert_eq!(parts[0], "postgresql");
        assert!(ADJECTIVES.contains(&parts[1]));
        assert!(
            parts[2].len() == 5 && parts[2].parse::<u32>().is_ok(),
            "{name}"
        );
        assert!(crate::api::check_addon_name(&name).is_ok());
    }

    #[test]
    fn plan_ids_are_unique() {
        let mut ids: Vec<_> = SERVICES
            .iter()
            .flat_map(|s| std::iter::once(s.id).chain(s.plans.iter().map(|p| p.id)))
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
