//! The runtime's shared state and the steps that change it: dyno transitions, events, and
//! reconciling an app's slots with its release and formation. Every caller holds the lock
//! only for the step itself.

use super::*;

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        crate::sync::lock(&self.state)
    }

    pub(super) fn emit(&self, app: Uuid, dyno: &str, message: &str) {
        self.logs.emit(app, "heroku", dyno, message);
    }

    pub(super) fn announce(&self, app_id: Uuid, change: DynoChange, dyno: &DynoInfo) {
        let _ = self.events.send(DynoEvent {
            app_id,
            change,
            dyno: dyno.clone(),
        });
    }

    /// Moves a dyno to `state`, logging the change.
    pub(super) fn transition(
        &self,
        app: Uuid,
        id: Uuid,
        state: DynoState,
        addr: Option<SocketAddr>,
        crash: Option<String>,
    ) {
        let changed = {
            let mut guard = self.lock();
            let Some(run) = guard.apps.get_mut(&app) else {
                return;
            };
            let Some(slot) = run.slot_mut(id) else {
                return;
            };
            let old = slot.info.state;
            slot.info.state = state;
            slot.addr = if state == DynoState::Up { addr } else { None };
            if let Some(reason) = crash {
                slot.crashes += 1;
                slot.failure = Some(reason);
            }
            if old != state {
                slot.info.updated_at = now();
            }
            let info = slot.info.clone();
            run.bump();
            (old != state).then_some((old, info))
        };
        if let Some((old, info)) = changed {
            self.emit(
                app,
                &info.name,
                &format!("State changed from {old} to {state}"),
            );
            self.announce(app, DynoChange::StateChanged { from: old }, &info);
        }
    }

    /// Where a dyno that just started runs: its `PORT`, and its node on a cluster.
    pub(super) fn set_placement(&self, app: Uuid, id: Uuid, port: u16, node: Option<String>) {
        let mut guard = self.lock();
        if let Some(slot) = guard.apps.get_mut(&app).and_then(|r| r.slot_mut(id)) {
            slot.info.port = Some(port);
            slot.info.node = node;
        }
    }

    pub(super) fn remove_slot(&self, app: Uuid, id: Uuid) {
        let mut guard = self.lock();
        if let Some(run) = guard.apps.get_mut(&app) {
            if let Some(slot) = run.slot_mut(id) {
                self.announce(app, DynoChange::Removed, &slot.info);
            }
            run.dynos.retain(|s| s.info.id != id);
            run.bump();
        }
    }

    /// Adds a formation dyno and starts its task (called with the state locked).
    pub(super) fn start_formation(
        self: &Arc<Self>,
        app_id: Uuid,
        run: &mut AppRun,
        release: &Arc<Release>,
        kind: &str,
        number: u32,
        size: &str,
    ) -> Uuid {
        let (tx, rx) = mpsc::unbounded_channel();
        let id = Uuid::new_v4();
        let name = format!("{kind}.{number}");
        let command = release
            .spec
            .process_types
            .get(kind)
            .cloned()
            .unwrap_or_default();
        run.dynos.push(Slot::starting(
            DynoInfo::starting(
                id,
                name.clone(),
                kind,
                command.clone(),
                release.spec.version,
                size,
            ),
            number,
            false,
            tx,
        ));
        if let Some(slot) = run.dynos.last() {
            self.announce(app_id, DynoChange::Created, &slot.info);
        }
        run.bump();
        let ctx = DynoCtx {
            shared: self.clone(),
            app: app_id,
            id,
            name,
            release: release.clone(),
            command,
            size: size.to_owned(),
        };
        tokio::spawn(dyno::formation(ctx, kind == "web", rx));
        id
    }

    /// Makes the running formation dynos match the current release and formation: keeps
    /// `kind.1..=quantity` of the current release, retires the rest (so scaling down stops the
    /// highest numbers), starts what is missing. Called with the state locked.
    pub(super) fn reconcile(self: &Arc<Self>, app_id: Uuid, run: &mut AppRun) {
        let Some(release) = run.current.clone() else {
            return;
        };
        let mut kept: HashSet<(String, u32)> = HashSet::new();
        let mut retire = Vec::new();
        // Newest first, so that of two dynos with one name the newer stays.
        for slot in run.dynos.iter_mut().rev() {
            if slot.oneoff || slot.retiring {
                continue;
            }
            let scale = run.formation.get(&slot.info.kind);
            // A dyno of another size has other limits: it is replaced, as on Heroku.
            let wanted = slot.info.release_version == release.spec.version
                && release.spec.process_types.contains_key(&slot.info.kind)
                && scale.is_some_and(|s| {
                    slot.number >= 1
                        && slot.number <= s.quantity
                        && slot.info.size.eq_ignore_ascii_case(&s.size)
                })
                && kept.insert((slot.info.kind.clone(), slot.number));
            if !wanted {
                retire.push(slot.info.id);
            }
        }
        for id in retire {
            run.retire(id);
        }
        let formation = run.formation.clone();
        for (kind, scale) in &formation {
            if !release.spec.process_types.contains_key(kind) {
                continue;
            }
            for number in 1..=scale.quantity {
                if !kept.contains(&(kind.clone(), number)) {
                    self.start_formation(app_id, run, &release, kind, number, &scale.size);
                }
            }
        }
        run.bump();
    }
}
