//! Fair service between accounts: each account has at most `PER_ACCOUNT` API requests being
//! handled at once, the rest wait their turn without holding a thread. A burst from one account
//! then takes a bounded share of the store and the CPU, and other accounts' requests go
//! straight through instead of queueing behind it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

/// Enough for a CLI's parallel calls; fewer than the store's readers, so one account alone can
/// never hold them all.
pub const PER_ACCOUNT: usize = 4;

#[derive(Default)]
pub struct InFlight {
    accounts: Mutex<HashMap<Uuid, Arc<Semaphore>>>,
}

impl InFlight {
    /// Waits for one of the account's turns; the request keeps it until it is answered.
    pub async fn enter(&self, account: Uuid) -> Option<OwnedSemaphorePermit> {
        let turns = crate::sync::lock(&self.accounts)
            .entry(account)
            .or_insert_with(|| Arc::new(Semaphore::new(PER_ACCOUNT)))
            .clone();
        // Never closed, so this only fails if that changes; the request then goes unlimited.
        turns.acquire_owned().await.ok()
    }
}

/// Where a request keeps its turn: put in the request by the wire middleware (which outlives
/// the handler), filled by the auth extractor once the account is known.
#[derive(Clone, Default)]
pub struct Turn(Arc<Mutex<Option<OwnedSemaphorePermit>>>);

impl Turn {
    pub fn hold(&self, permit: Option<OwnedSemaphorePermit>) {
        *crate::sync::lock(&self.0) = permit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_account_waits_for_its_own_turns_only() {
        let in_flight = InFlight::default();
        let busy = Uuid::new_v4();
        let mut held = vec![];
        for _ in 0..PER_ACCOUNT {
            held.push(in_flight.enter(busy).await);
        }
        use futures_util::FutureExt;
        assert!(
            in_flight.enter(busy).now_or_never().is_none(),
            "the busy account waits"
        );
        assert!(in_flight.enter(Uuid::new_v4()).await.is_some());
        held.pop();
        assert!(in_flight.enter(busy).await.is_some());
    }
}
