//! Queries on `webhooks`, `webhook_events`, `webhook_deliveries` and `webhook_attempts`. A
//! webhook's URL, secret and `Authorization` header are stored sealed (`sealed::WEBHOOK_URL`,
//! …), so one URL per app is checked here on the opened URLs: SQLite's UNIQUE (app_id, url)
//! only ever sees distinct ciphertexts.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::sealed::{self, Keyring, WEBHOOK_AUTHORIZATION, WEBHOOK_SECRET, WEBHOOK_URL};
use super::{Store, json_col, one, uuid_col};
use crate::api::Timestamp;

/// A webhook subscription with its secrets; only the delivery engine reads those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub url: String,
    pub include: Vec<String>,
    pub level: String,
    pub secret: String,
    pub authorization: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A change to a webhook; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookChange {
    pub url: Option<String>,
    pub include: Option<Vec<String>>,
    pub level: Option<String>,
    pub secret: Option<String>,
    /// `Some(None)` removes the header.
    pub authorization: Option<Option<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub app_id: Uuid,
    pub include: String,
    pub action: String,
    pub actor_id: Uuid,
    pub actor_email: String,
    pub resource: String,
    pub data: serde_json::Value,
    pub previous_data: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub include: String,
    pub action: String,
    pub actor_id: Uuid,
    pub actor_email: String,
    pub resource: String,
    pub data: serde_json::Value,
    pub previous_data: serde_json::Value,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRow {
    pub id: Uuid,
    /// 1 for the first attempt.
    pub number: i64,
    pub status: String,
    pub code: Option<i64>,
    pub error_class: Option<String>,
    pub duration_ms: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub event_id: Uuid,
    pub event_include: String,
    pub webhook_id: Uuid,
    pub webhook_level: String,
    pub status: String,
    pub num_attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Oldest first.
    pub attempts: Vec<AttemptRow>,
}

/// Everything one attempt at a delivery needs, read afresh before each attempt so that a
/// changed URL or secret applies to the retries.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryJob {
    pub delivery_id: Uuid,
    pub status: String,
    pub num_attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub webhook_id: Uuid,
    pub url: String,
    pub secret: String,
    pub authorization: Option<String>,
    pub level: String,
    pub event: EventRow,
}

/// The outcome of one attempt, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttempt {
    pub id: Uuid,
    pub status: String,
    pub code: Option<i64>,
    pub error_class: Option<String>,
    pub duration_ms: i64,
    pub created_at: i64,
}

/// Deliveries whose worker has more to do.
pub const UNFINISHED: &str = "('pending', 'scheduled', 'retrying')";

const WEBHOOK_SELECT: &str = "SELECT w.id, w.app_id, a.name, w.url, w.include, w.level, w.secret,
  w.authorization, w.created_at, w.updated_at
  FROM webhooks w JOIN apps a ON a.id = w.app_id";

fn map_webhook(keys: &Keyring) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<WebhookRow> {
    move |row| {
        let id = uuid_col(row, 0)?;
        let app_id = uuid_col(row, 1)?;
        Ok(WebhookRow {
            id,
            app_id,
            app_name: row.get(2)?,
            url: sealed::open_col(keys, row, 3, WEBHOOK_URL, app_id, id)?,
            include: json_col(row, 4)?,
            level: row.get(5)?,
            secret: sealed::open_col(keys, row, 6, WEBHOOK_SECRET, app_id, id)?,
            authorization: sealed::open_opt_col(keys, row, 7, WEBHOOK_AUTHORIZATION, app_id, id)?,
            created_at: row.get(8)?,
            updated_at: row.get(9)?,
        })
    }
}

const EVENT_COLUMNS: &str = "e.id, e.app_id, e.include, e.action, e.actor_id, e.actor_email,
  e.resource, e.data, e.previous_data, e.created_at, e.updated_at";

/// Reads an event from `EVENT_COLUMNS` starting at column `at`.
fn map_event_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: uuid_col(row, at)?,
        app_id: uuid_col(row, at + 1)?,
        include: row.get(at + 2)?,
        action: row.get(at + 3)?,
        actor_id: uuid_col(row, at + 4)?,
        actor_email: row.get(at + 5)?,
        resource: row.get(at + 6)?,
        data: json_col(row, at + 7)?,
        previous_data: json_col(row, at + 8)?,
        created_at: row.get(at + 9)?,
        updated_at: row.get(at + 10)?,
    })
}

const DELIVERY_SELECT: &str = "SELECT d.id, d.app_id, d.event_id, e.include, d.webhook_id,
  w.level, d.status, d.num_attempts, d.next_attempt_at, d.created_at, d.updated_at
  FROM webhook_deliveries d
  JOIN webhook_events e ON e.id = d.event_id
  JOIN webhooks w ON w.id = d.webhook_id";

fn map_delivery(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeliveryRow> {
    Ok(DeliveryRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        event_id: uuid_col(row, 2)?,
        event_include: row.get(3)?,
        webhook_id: uuid_col(row, 4)?,
        webhook_level: row.get(5)?,
        status: row.get(6)?,
        num_attempts: row.get(7)?,
        next_attempt_at: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        attempts: Vec::new(),
    })
}

const ATTEMPT_COLUMNS: &str = "t.delivery_id, t.id, t.number, t.status, t.code, t.error_class, t.duration_ms, t.created_at, t.updated_at";

fn map_attempt(row: &rusqlite::Row<'_>) -> rusqlite::Result<(Uuid, AttemptRow)> {
    Ok((
        uuid_col(row, 0)?,
        AttemptRow {
            id: uuid_col(row, 1)?,
            number: row.get(2)?,
            status: row.get(3)?,
            code: row.get(4)?,
            error_class: row.get(5)?,
            duration_ms: row.get(6)?,
            created_at: row.get(7)?,
            updated_at: row.get(8)?,
        },
    ))
}

/// Fills in each delivery's attempts with one query per call.
fn with_attempts(
    c: &Connection,
    mut deliveries: Vec<DeliveryRow>,
    filter: &str,
    param: &str,
) -> rusqlite::Result<Vec<DeliveryRow>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM webhook_attempts t
         JOIN webhook_deliveries d ON d.id = t.delivery_id
         WHERE {filter} ORDER BY t.number"
    ))?;
    let mut by_delivery: HashMap<Uuid, Vec<AttemptRow>> = HashMap::new();
    for found in stmt.query_map([param], map_attempt)? {
        let (delivery, attempt) = found?;
        by_delivery.entry(delivery).or_default().push(attempt);
    }
    for d in &mut deliveries {
        d.attempts = by_delivery.remove(&d.id).unwrap_or_default();
    }
    Ok(deliveries)
}

/// Refuses `url` when another of the app's webhooks has it.
fn check_url_free(
    conn: &Connection,
    keys: &Keyring,
    app_id: Uuid,
    url: &str,
    except: Option<Uuid>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(&format!("{WEBHOOK_SELECT} WHERE w.app_id = ?1"))?;
    let taken = stmt
        .query_map([app_id.to_string()], map_webhook(keys))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .any(|w| w.url == url && Some(w.id) != except);
    if taken {
        return Err(sealed::unique_violation(WEBHOOK_URL));
    }
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

impl Store {
    /// Adds a webhook; a URL the app already has a webhook for is a unique violation.
    pub fn insert_webhook(
        &self,
        app_id: Uuid,
        url: &str,
        include: &[String],
        level: &str,
        secret: &str,
        authorization: Option<&str>,
    ) -> rusqlite::Result<WebhookRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        let include = to_json(&include)?;
        let row_id = id.to_string();
        let sealed_url = self.keys.seal(WEBHOOK_URL, app_id, &row_id, url)?;
        let secret = self.keys.seal(WEBHOOK_SECRET, app_id, &row_id, secret)?;
        let authorization = authorization
            .map(|a| self.keys.seal(WEBHOOK_AUTHORIZATION, app_id, &row_id, a))
            .transpose()?;
        self.tx(|tx| {
            check_url_free(tx, &self.keys, app_id, url, None)?;
            tx.execute(
                "INSERT INTO webhooks (id, app_id, url, include, level, secret, authorization, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![id.to_string(), app_id.to_string(), sealed_url, include, level, secret, authorization, now],
            )?;
            tx.query_row(
                &format!("{WEBHOOK_SELECT} WHERE w.id = ?1"),
                [id.to_string()],
                map_webhook(&self.keys),
            )
        })
    }

    /// An app's webhooks, oldest first.
    pub fn webhooks(&self, app_id: Uuid) -> rusqlite::Result<Vec<WebhookRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{WEBHOOK_SELECT} WHERE w.app_id = ?1 ORDER BY w.created_at, w.rowid"
            ))?;
            stmt.query_map([app_id.to_string()], map_webhook(&self.keys))?
                .collect()
        })
    }

    pub fn webhook(&self, app_id: Uuid, id: Uuid) -> rusqlite::Result<Option<WebhookRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{WEBHOOK_SELECT} WHERE w.app_id = ?1 AND w.id = ?2"),
                params![app_id.to_string(), id.to_string()],
                map_webhook(&self.keys),
            )
        })
    }

    /// Applies a change; `None` when the webhook is gone. A URL the app already has a webhook
    /// for is a unique violation.
    pub fn update_webhook(
        &self,
        id: Uuid,
        change: &WebhookChange,
    ) -> rusqlite::Result<Option<WebhookRow>> {
        let include = change.include.as_ref().map(to_json).transpose()?;
        let now = Timestamp::now().0;
        self.tx(|tx| {
            // The app the sealed values are bound to; a webhook that is gone changes nothing.
            let Some(app_id) = one(
                tx,
                "SELECT app_id FROM webhooks WHERE id = ?1",
                [id.to_string()],
                |r| uuid_col(r, 0),
            )?
            else {
                return Ok(None);
            };
            let webhook_id = id;
            let id = id.to_string();
            if let Some(url) = &change.url {
                check_url_free(tx, &self.keys, app_id, url, Some(webhook_id))?;
                let url = self.keys.seal(WEBHOOK_URL, app_id, &id, url)?;
                tx.execute(
                    "UPDATE webhooks SET url = ?2 WHERE id = ?1",
                    params![id, url],
                )?;
            }
            if let Some(include) = &include {
                tx.execute(
                    "UPDATE webhooks SET include = ?2 WHERE id = ?1",
                    params![id, include],
                )?;
            }
            if let Some(level) = &change.level {
                tx.execute(
                    "UPDATE webhooks SET level = ?2 WHERE id = ?1",
                    params![id, level],
                )?;
            }
            if let Some(secret) = &change.secret {
                let secret = self.keys.seal(WEBHOOK_SECRET, app_id, &id, secret)?;
                tx.execute(
                    "UPDATE webhooks SET secret = ?2 WHERE id = ?1",
                    params![id, secret],
                )?;
            }
            if let Some(authorization) = &change.authorization {
                let authorization = authorization
                    .as_deref()
                    .map(|a| self.keys.seal(WEBHOOK_AUTHORIZATION, app_id, &id, a))
                    .transpose()?;
                tx.execute(
                    "UPDATE webhooks SET authorization = ?2 WHERE id = ?1",
                    params![id, authorization],
                )?;
            }
            tx.execute(
                "UPDATE webhooks SET updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            one(
                tx,
                &format!("{WEBHOOK_SELECT} WHERE w.id = ?1"),
                [&id],
                map_webhook(&self.keys),
            )
        })
    }

    /// Deletes a webhook and its deliveries.
    pub fn delete_webhook(&self, id: Uuid) -> rusqlite::Result<bool> {
        self.tx(|c| {
            c.execute("DELETE FROM webhooks WHERE id = ?1", [id.to_string()])
                .map(|n| n > 0)
        })
    }

    /// Whether any webhook of the app subscribes to `include`.
    pub fn has_webhook_for(&self, app_id: Uuid, include: &str) -> rusqlite::Result<bool> {
        self.read(|c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM webhooks w, json_each(w.include) j
                   WHERE w.app_id = ?1 AND j.value = ?2)",
                params![app_id.to_string(), include],
                |r| r.get(0),
            )
        })
    }

    /// Records an event and one pending delivery for each webhook of the app that subscribes
    /// to it, and keeps only the app's newest `keep` events. `None`, and nothing recorded, when
    /// no webhook subscribes.
    pub fn record_webhook_event(
        &self,
        new: &NewEvent,
        keep: usize,
    ) -> rusqlite::Result<Option<(EventRow, Vec<Uuid>)>> {
        let data = to_json(&new.data)?;
        let previous = to_json(&new.previous_data)?;
        let now = Timestamp::now().0;
        let app = new.app_id.to_string();
        self.tx(|tx| {
            let webhooks: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT w.id FROM webhooks w WHERE w.app_id = ?1
                       AND EXISTS (SELECT 1 FROM json_each(w.include) j WHERE j.value = ?2)
                     ORDER BY w.created_at, w.rowid",
                )?;
                stmt.query_map(params![app, new.include], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            if webhooks.is_empty() {
                return Ok(None);
            }
            let event_id = Uuid::new_v4();
            tx.execute(
                "INSERT INTO webhook_events (id, app_id, include, action, actor_id, actor_email, resource, data, previous_data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    event_id.to_string(),
                    app,
                    new.include,
                    new.action,
                    new.actor_id.to_string(),
                    new.actor_email,
                    new.resource,
                    data,
                    previous,
                    now
                ],
            )?;
            let mut deliveries = Vec::with_capacity(webhooks.len());
            for webhook in webhooks {
                let id = Uuid::new_v4();
                tx.execute(
                    "INSERT INTO webhook_deliveries (id, app_id, event_id, webhook_id, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5)",
                    params![id.to_string(), app, event_id.to_string(), webhook, now],
                )?;
                deliveries.push(id);
            }
            tx.execute(
                "DELETE FROM webhook_events WHERE app_id = ?1 AND id NOT IN
                   (SELECT id FROM webhook_events WHERE app_id = ?1
                    ORDER BY created_at DESC, rowid DESC LIMIT ?2)",
                params![app, i64::try_from(keep).unwrap_or(i64::MAX)],
            )?;
            let event = tx.query_row(
                &format!("SELECT {EVENT_COLUMNS} FROM webhook_events e WHERE e.id = ?1"),
                [event_id.to_string()],
                |r| map_event_at(r, 0),
            )?;
            Ok(Some((event, deliveries)))
        })
    }

    /// An app's webhook events, oldest first.
    pub fn webhook_events(&self, app_id: Uuid) -> rusqlite::Result<Vec<EventRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {EVENT_COLUMNS} FROM webhook_events e WHERE e.app_id = ?1
                 ORDER BY e.created_at, e.rowid"
            ))?;
            stmt.query_map([app_id.to_string()], |r| map_event_at(r, 0))?
                .collect()
        })
    }

    pub fn webhook_event(&self, app_id: Uuid, id: Uuid) -> rusqlite::Result<Option<EventRow>> {
        self.read(|c| {
            one(
                c,
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM webhook_events e WHERE e.app_id = ?1 AND e.id = ?2"
                ),
                params![app_id.to_string(), id.to_string()],
                |r| map_event_at(r, 0),
            )
        })
    }

    /// An app's webhook deliveries with their attempts, oldest first.
    pub fn webhook_deliveries(&self, app_id: Uuid) -> rusqlite::Result<Vec<DeliveryRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{DELIVERY_SELECT} WHERE d.app_id = ?1 ORDER BY d.created_at, d.rowid"
            ))?;
            let rows = stmt
                .query_map([app_id.to_string()], map_delivery)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            with_attempts(c, rows, "d.app_id = ?1", &app_id.to_string())
        })
    }

    pub fn webhook_delivery(
        &self,
        app_id: Uuid,
        id: Uuid,
    ) -> rusqlite::Result<Option<DeliveryRow>> {
        self.read(|c| {
            let Some(row) = one(
                c,
                &format!("{DELIVERY_SELECT} WHERE d.app_id = ?1 AND d.id = ?2"),
                params![app_id.to_string(), id.to_string()],
                map_delivery,
            )?
            else {
                return Ok(None);
            };
            Ok(with_attempts(c, vec![row], "d.id = ?1", &id.to_string())?.pop())
        })
    }

    /// What the next attempt at a delivery needs; `None` once the delivery is gone (its
    /// webhook or app was deleted, or its event pruned).
    pub fn delivery_job(&self, id: Uuid) -> rusqlite::Result<Option<DeliveryJob>> {
        self.read(|c| {
            one(
                c,
                &format!(
                    "SELECT d.id, d.status, d.num_attempts, d.next_attempt_at, w.id, w.url, w.secret,
                       w.authorization, w.level, {EVENT_COLUMNS}
                     FROM webhook_deliveries d
                     JOIN webhooks w ON w.id = d.webhook_id
                     JOIN webhook_events e ON e.id = d.event_id
                     WHERE d.id = ?1"
                ),
                [id.to_string()],
                |r| {
                    // A delivery's event and webhook are of one app.
                    let event = map_event_at(r, 9)?;
                    let webhook_id = uuid_col(r, 4)?;
                    let app_id = event.app_id;
                    Ok(DeliveryJob {
                        delivery_id: uuid_col(r, 0)?,
                        status: r.get(1)?,
                        num_attempts: r.get(2)?,
                        next_attempt_at: r.get(3)?,
                        webhook_id,
                        url: sealed::open_col(&self.keys, r, 5, WEBHOOK_URL, app_id, webhook_id)?,
                        secret: sealed::open_col(&self.keys, r, 6, WEBHOOK_SECRET, app_id, webhook_id)?,
                        authorization: sealed::open_opt_col(
                            &self.keys,
                            r,
                            7,
                            WEBHOOK_AUTHORIZATION,
                            app_id,
                            webhook_id,
                        )?,
                        level: r.get(8)?,
                        event,
                    })
                },
            )
        })
    }

    /// Deliveries a server stopped in the middle of, oldest first.
    pub fn unfinished_webhook_deliveries(&self) -> rusqlite::Result<Vec<Uuid>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "SELECT id FROM webhook_deliveries WHERE status IN {UNFINISHED} ORDER BY created_at, rowid"
            ))?;
            stmt.query_map([], |r| uuid_col(r, 0))?.collect()
        })
    }

    /// Marks an attempt as under way (`pending` or `retrying`); false when the delivery is
    /// gone.
    pub fn set_delivery_status(&self, id: Uuid, status: &str) -> rusqlite::Result<bool> {
        self.tx(|c| {
            c.execute(
                "UPDATE webhook_deliveries SET status = ?2, next_attempt_at = NULL, updated_at = ?3 WHERE id = ?1",
                params![id.to_string(), status, Timestamp::now().0],
            )
            .map(|n| n > 0)
        })
    }

    /// Records a finished attempt and where the delivery stands after it; false when the
    /// delivery is gone.
    pub fn record_webhook_attempt(
        &self,
        delivery_id: Uuid,
        attempt: &NewAttempt,
        status: &str,
        next_attempt_at: Option<i64>,
    ) -> rusqlite::Result<bool> {
        let now = Timestamp::now().0;
        self.tx(|tx| {
            let id = delivery_id.to_string();
            let Some(done): Option<i64> = one(
                tx,
                "SELECT num_attempts FROM webhook_deliveries WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )?
            else {
                return Ok(false);
            };
            tx.execute(
                "INSERT INTO webhook_attempts (id, delivery_id, number, status, code, error_class, duration_ms, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    attempt.id.to_string(),
                    id,
                    done + 1,
                    attempt.status,
                    attempt.code,
                    attempt.error_class,
                    attempt.duration_ms,
                    attempt.created_at,
                    now
                ],
            )?;
            tx.execute(
                "UPDATE webhook_deliveries SET num_attempts = ?2, status = ?3, next_attempt_at = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, done + 1, status, next_attempt_at, now],
            )?;
            Ok(true)
        })
    }
}

#[cfg(test)]
mod tests;
