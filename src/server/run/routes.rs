//! The router's view of the platform: which dynos answer for an app's name or domain.

use std::sync::Arc;

use crate::server::router;
use crate::server::runtime::Runtime;
use crate::server::store::Store;

/// Where the router sends a request for an app. Until dynos run, a known app has no web dyno
/// up (H14).
pub(super) fn route_table(
    store: Store,
    runtime: Runtime,
    challenges: crate::server::acm::Challenges,
) -> Arc<dyn router::Routes> {
    Arc::new(RouteTable {
        store,
        runtime,
        challenges,
    })
}

struct RouteTable {
    store: Store,
    runtime: Runtime,
    challenges: crate::server::acm::Challenges,
}

impl RouteTable {
    fn route_to(&self, app_id: uuid::Uuid, maintenance: bool) -> router::Route {
        if maintenance {
            return router::Route::Maintenance { app_id };
        }
        let backends: Vec<router::Backend> = self
            .runtime
            .web_backends(app_id)
            .into_iter()
            .map(|(dyno, addr)| router::Backend::new(dyno, addr))
            .collect();
        if !backends.is_empty() {
            router::Route::Up {
                app_id,
                backends: backends.into(),
            }
        } else if self.runtime.crashed(app_id) {
            router::Route::Crashed { app_id }
        } else {
            router::Route::NoWebDynos { app_id }
        }
    }
}

impl router::Routes for RouteTable {
    fn route(&self, name: &str) -> router::Route {
        // A primary-key-sized query per request; the app list itself is not cached so a
        // rename or maintenance switch takes effect at once.
        match self.store.app_route(name) {
            Ok(Some((app_id, maintenance))) => self.route_to(app_id, maintenance),
            _ => router::Route::NoSuchApp,
        }
    }

    fn route_host(&self, host: &str) -> Option<router::Route> {
        // Indexed by hostname, and not cached either: an added domain answers at once.
        match self.store.domain_route(host) {
            Ok(Some((app_id, maintenance))) => Some(self.route_to(app_id, maintenance)),
            _ => None,
        }
    }

    fn acme_challenge(&self, token: &str) -> Option<String> {
        self.challenges.answer(token)
    }
}
