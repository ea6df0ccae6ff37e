//! Runtime operations that change which formation dynos run: deploy, scale, restart, stop,
//! removing an app and shutting down.

use super::*;

impl Runtime {
    /// Makes this release and formation what runs. Dynos of another release are replaced; new
    /// web dynos must be up before the old ones leave [`Runtime::web_backends`] and get SIGTERM,
    /// so no request is dropped. Returns once the new web dynos are up (at once when there are
    /// none). When they do not come up (crash, boot timeout) they are stopped, the old dynos keep
    /// running and the error says why. Formation entries for types the release does not have
    /// are ignored, and types missing from the formation are stopped. Deploying the running
    /// release again only applies the formation.
    pub async fn deploy(
        &self,
        release: ReleaseSpec,
        formation: Vec<FormationSpec>,
    ) -> Result<(), RuntimeError> {
        self.deploy_counting(release, formation, |_, _| {}).await
    }

    /// `deploy`, telling `counted(up, of)` each time another of the new web dynos is up, so
    /// that whoever waits sees what it waits for.
    pub async fn deploy_counting(
        &self,
        release: ReleaseSpec,
        formation: Vec<FormationSpec>,
        counted: impl Fn(usize, usize),
    ) -> Result<(), RuntimeError> {
        let app_id = release.app_id;
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        self.check_open()?;
        let desired = formation_for(&release, &formation)?;
        let prepared = self.shared.backend.prepare(&release).await?;
        let release = Arc::new(Release {
            spec: release,
            prepared,
        });

        // Without preboot, the old web dynos stop before the new ones start: a gap in
        // service, but never two releases serving at once.
        if !release.spec.switches.preboot {
            let old_web: Vec<Uuid> = {
                let mut guard = self.shared.lock();
                match guard.apps.get_mut(&app_id) {
                    Some(run)
                        if run
                            .current
                            .as_ref()
                            .is_some_and(|c| c.spec.version != release.spec.version) =>
                    {
                        let ids: Vec<Uuid> = run
                            .dynos
                            .iter()
                            .filter(|s| !s.oneoff && !s.retiring && s.info.kind == "web")
                            .map(|s| s.info.id)
                            .collect();
                        for id in &ids {
                            run.retire(*id);
                        }
                        ids
                    }
                    _ => Vec::new(),
                }
            };
            self.wait_stopped(app_id, &old_web).await;
        }
        let new_web = {
            let mut guard = self.shared.lock();
            if guard.closing {
                return Err(RuntimeError::ShuttingDown);
            }
            let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
            let same = run
                .current
                .as_ref()
                .is_some_and(|c| c.spec.version == release.spec.version);
            let mut new_web = Vec::new();
            if !same && let Some(web) = desired.get("web") {
                for number in 1..=web.quantity {
                    let id = self
                        .shared
                        .start_formation(app_id, run, &release, "web", number, &web.size);
                    new_web.push((id, format!("web.{number}")));
                }
            }
            new_web
        };
        if let Err(e) = self.wait_up(app_id, &new_web, counted).await {
            let mut guard = self.shared.lock();
            if let Some(run) = guard.apps.get_mut(&app_id) {
                for (id, _) in &new_web {
                    run.retire(*id);
                }
            }
            return Err(e);
        }
        let mut guard = self.shared.lock();
        if guard.closing {
            return Err(RuntimeError::ShuttingDown);
        }
        let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
        run.current = Some(release);
        run.formation = desired;
        self.shared.reconcile(app_id, run);
        Ok(())
    }

    /// Waits until the given dynos have stopped (or the stop timeout and a margin passed).
    async fn wait_stopped(&self, app: Uuid, dynos: &[Uuid]) {
        if dynos.is_empty() {
            return;
        }
        let deadline = Instant::now() + self.shared.config.stop_grace + Duration::from_secs(5);
        self.wait_until(app, deadline, |run| {
            !run.is_some_and(|run| run.dynos.iter().any(|s| dynos.contains(&s.info.id)))
        })
        .await;
    }

    /// Waits until the given dynos are up; fails as soon as one crashes or is gone.
    async fn wait_up(
        &self,
        app: Uuid,
        dynos: &[(Uuid, String)],
        counted: impl Fn(usize, usize),
    ) -> Result<(), RuntimeError> {
        if dynos.is_empty() {
            return Ok(());
        }
        let mut told = 0;
        let deadline = Instant::now() + self.shared.config.boot_timeout + Duration::from_secs(10);
        let Some(mut changed) = self.follow(app) else {
            return Err(RuntimeError::NotDeployed);
        };
        loop {
            changed.borrow_and_update();
            let (pending, up) = {
                let guard = self.shared.lock();
                let Some(run) = guard.apps.get(&app) else {
                    return Err(RuntimeError::NotDeployed);
                };
                let mut pending = false;
                let mut up = 0;
                for (id, name) in dynos {
                    match run.dynos.iter().find(|s| s.info.id == *id) {
                        None => {
                            return Err(RuntimeError::BootFailed {
                                dyno: name.clone(),
                                reason: "it was stopped".into(),
                            });
                        }
                        Some(slot) if slot.crashes > 0 => {
                            return Err(RuntimeError::BootFailed {
                                dyno: name.clone(),
                                reason: slot.failure.clone().unwrap_or_else(|| "it crashed".into()),
                            });
                        }
                        Some(slot) if slot.info.state != DynoState::Up => pending = true,
                        Some(_) => up += 1,
                    }
                }
                (pending, up)
            };
            // Told outside the runtime's lock: the caller writes output, which takes its own.
            if up > told {
                told = up;
                counted(up, dynos.len());
            }
            if !pending {
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                _ => {
                    return Err(RuntimeError::BootFailed {
                        dyno: dynos[0].1.clone(),
                        reason: "it did not come up in time".into(),
                    });
                }
            }
        }
    }

    /// Changes the formation of the running release: the types given get their new quantity
    /// and size (types not given keep theirs), then dynos are started or stopped to match,
    /// the highest-numbered first. Returns without waiting for new dynos to boot.
    pub async fn scale(
        &self,
        app_id: Uuid,
        formation: Vec<FormationSpec>,
    ) -> Result<(), RuntimeError> {
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        let mut guard = self.shared.lock();
        if guard.closing {
            return Err(RuntimeError::ShuttingDown);
        }
        let run = guard
            .apps
            .get_mut(&app_id)
            .ok_or(RuntimeError::NotDeployed)?;
        let release = run.current.clone().ok_or(RuntimeError::NotDeployed)?;
        for f in &formation {
            match release.spec.process_types.get(&f.kind) {
                None if f.quantity > 0 => return Err(RuntimeError::UnknownType(f.kind.clone())),
                Some(command) if f.quantity > 0 && command.trim().is_empty() => {
                    return Err(RuntimeError::EmptyProcessCommand(f.kind.clone()));
                }
                _ => {}
            }
        }
        for f in formation {
            run.formation.insert(
                f.kind,
                Scale {
                    quantity: f.quantity,
                    size: f.size,
                },
            );
        }
        self.shared.reconcile(app_id, run);
        Ok(())
    }

    /// Restarts formation dynos: all, a process type, or one dyno (a one-off named this way is
    /// stopped: one-offs never restart). Returns once the replacements are started, as Heroku's
    /// API does; whoever asked follows them in the dyno list. Web dynos are replaced the
    /// zero-downtime way: each replacement must be up (or have failed) before the old one leaves
    /// the router. That handover runs in a task of its own that holds the app's operation lock,
    /// so a client that hangs up cannot leave the old dynos running beside the new ones, and the
    /// next deploy or restart waits for it ([`Runtime::settled`]). Other dynos are replaced at once.
    pub async fn restart(&self, app_id: Uuid, target: Target) -> Result<(), RuntimeError> {
        let op = self.ops(app_id).lock_owned().await;
        let (replaced, logs) = {
            let mut guard = self.shared.lock();
            if guard.closing {
                return Err(RuntimeError::ShuttingDown);
            }
            let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
            let selected = run.select(&target, matches!(target, Target::Dyno(_)));
            if selected.is_empty() {
                return match run.unknown(&target) {
                    Some(e) => Err(e),
                    None => Ok(()),
                };
            }
            let mut replaced = Vec::new();
            let mut logs = Vec::new();
            for id in selected {
                let Some(slot) = run.slot_mut(id) else {
                    continue;
                };
                let (kind, number, size, name, oneoff) = (
                    slot.info.kind.clone(),
                    slot.number,
                    slot.info.size.clone(),
                    slot.info.name.clone(),
                    slot.oneoff,
                );
                match (oneoff, run.current.clone()) {
                    (false, Some(release)) => {
                        logs.push(name.clone());
                        let new = self
                            .shared
                            .start_formation(app_id, run, &release, &kind, number, &size);
                        if kind == "web" {
                            replaced.push((id, new, name));
                        } else {
                            run.retire(id);
                        }
                    }
                    _ => run.retire(id),
                }
            }
            (replaced, logs)
        };
        for name in logs {
            self.shared.emit(app_id, &name, "Restarting");
        }
        if !replaced.is_empty() {
            let runtime = self.clone();
            tokio::spawn(async move {
                let _op = op;
                let new: Vec<(Uuid, String)> = replaced
                    .iter()
                    .map(|(_, new, name)| (*new, name.clone()))
                    .collect();
                // Even when a replacement fails to boot, the restart goes through, as on Heroku.
                let _ = runtime.wait_up(app_id, &new, |_, _| {}).await;
                let mut guard = runtime.shared.lock();
                if let Some(run) = guard.apps.get_mut(&app_id) {
                    for (old, _, _) in &replaced {
                        run.retire(*old);
                    }
                }
            });
        }
        Ok(())
    }

    /// Waits until no operation on the app is under way (a restart's handover included).
    pub async fn settled(&self, app_id: Uuid) {
        drop(self.ops(app_id).lock_owned().await);
    }

    /// `ps:stop`: SIGTERM, then SIGKILL after the grace period. A formation dyno stopped this
    /// way is started again by its supervisor; a one-off stays stopped. Returns at once.
    pub async fn stop(&self, app_id: Uuid, target: Target) -> Result<(), RuntimeError> {
        let mut guard = self.shared.lock();
        let run = guard.apps.entry(app_id).or_insert_with(AppRun::new);
        let selected = run.select(&target, true);
        if selected.is_empty() {
            return match run.unknown(&target) {
                Some(e) => Err(e),
                None => Ok(()),
            };
        }
        for id in selected {
            if let Some(slot) = run.slot_mut(id) {
                let _ = slot.control.send(Control::Stop);
            }
        }
        Ok(())
    }

    /// The app is gone: stops all its dynos, one-offs included, and returns once they are.
    pub async fn remove_app(&self, app_id: Uuid) {
        let ops = self.ops(app_id);
        let _op = ops.lock().await;
        {
            let mut guard = self.shared.lock();
            if let Some(run) = guard.apps.get_mut(&app_id) {
                run.current = None;
                run.formation.clear();
                let all: Vec<Uuid> = run.dynos.iter().map(|s| s.info.id).collect();
                for id in all {
                    run.retire(id);
                }
            }
        }
        let deadline = Instant::now() + self.shared.config.stop_grace + Duration::from_secs(10);
        self.wait_gone(app_id, deadline).await;
        self.shared.lock().apps.remove(&app_id);
    }

    /// Waits until an app has no dynos left, or the deadline.
    async fn wait_gone(&self, app: Uuid, deadline: Instant) {
        self.wait_until(app, deadline, |run| run.is_none_or(|r| r.dynos.is_empty()))
            .await;
    }

    /// A receiver told of every change of the app's dynos, if the app runs.
    fn follow(&self, app: Uuid) -> Option<watch::Receiver<u64>> {
        self.shared
            .lock()
            .apps
            .get(&app)
            .map(|r| r.changed.subscribe())
    }

    /// Waits until `done` holds of the app's dynos (`None` once the app is gone), the app's
    /// dynos stop changing by the deadline, or the app was never running.
    async fn wait_until(
        &self,
        app: Uuid,
        deadline: Instant,
        done: impl Fn(Option<&AppRun>) -> bool,
    ) {
        let Some(mut changed) = self.follow(app) else {
            return;
        };
        loop {
            changed.borrow_and_update();
            if done(self.shared.lock().apps.get(&app)) {
                return;
            }
            if !matches!(
                tokio::time::timeout_at(deadline, changed.changed()).await,
                Ok(Ok(()))
            ) {
                return;
            }
        }
    }

    /// Stops every dyno (SIGTERM, SIGKILL after the grace period) and refuses to start more;
    /// returns once they are all gone.
    pub async fn shutdown(&self) {
        let apps: Vec<Uuid> = {
            let mut guard = self.shared.lock();
            guard.closing = true;
            for run in guard.apps.values_mut() {
                let all: Vec<Uuid> = run.dynos.iter().map(|s| s.info.id).collect();
                for id in all {
                    run.retire(id);
                }
            }
            guard.apps.keys().copied().collect()
        };
        let deadline = Instant::now() + self.shared.config.stop_grace + Duration::from_secs(10);
        for app in apps {
            self.wait_gone(app, deadline).await;
        }
    }
}
