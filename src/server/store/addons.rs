//! Queries on `addons` and `addon_attachments`. An add-on's URL holds its credentials and is
//! stored sealed (`sealed::ADDON_URL`). Every change that moves a config var (attach, detach,
//! rotate, destroy) makes its releases in the same transaction as the rows, so both are kept
//! or neither; the caller hands the releases to the release path.

use rusqlite::{Connection, params};
use uuid::Uuid;

use super::releases::{ReleaseRow, config_release, latest_config};
use super::sealed::{self, ADDON_URL, Keyring};
use super::{Store, one, uuid_col};
use crate::api::{ConfigVarsUpdate, Timestamp};

#[derive(Debug, Clone)]
pub struct AddonRow {
    pub id: Uuid,
    /// The owning app.
    pub app_id: Uuid,
    pub app_name: String,
    pub name: String,
    /// `heroku-postgresql`.
    pub service: String,
    /// The plan's short name (`essential-0`).
    pub plan: String,
    pub provider_id: String,
    pub state: String,
    /// The credentials: what attachments set as `NAME_URL`.
    pub url: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub addon_id: Uuid,
    pub addon_name: String,
    pub addon_app_id: Uuid,
    pub addon_app_name: String,
    pub app_id: Uuid,
    pub app_name: String,
    /// `DATABASE`: the attachment sets `DATABASE_URL`.
    pub name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl AttachmentRow {
    pub fn config_var(&self) -> String {
        format!("{}_URL", self.name)
    }
}

pub struct NewAddon {
    pub id: Uuid,
    pub app_id: Uuid,
    pub name: String,
    pub service: String,
    pub plan: String,
    pub provider_id: String,
    pub url: String,
}

const ADDON_SELECT: &str =
    "SELECT d.id, d.app_id, a.name, d.name, d.service, d.plan, d.provider_id,
    d.state, d.url, d.created_at, d.updated_at
  FROM addons d JOIN apps a ON a.id = d.app_id";

fn map_addon(keys: &Keyring) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<AddonRow> {
    move |row| {
        let id = uuid_col(row, 0)?;
        let app_id = uuid_col(row, 1)?;
        Ok(AddonRow {
            id,
            app_id,
            app_name: row.get(2)?,
            name: row.get(3)?,
            service: row.get(4)?,
            plan: row.get(5)?,
            provider_id: row.get(6)?,
            state: row.get(7)?,
            url: sealed::open_col(keys, row, 8, ADDON_URL, app_id, id)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
        })
    }
}

const ATTACHMENT_SELECT: &str = "SELECT t.id, t.addon_id, d.name, d.app_id, da.name, t.app_id,
    ta.name, t.name, t.created_at, t.updated_at
  FROM addon_attachments t JOIN addons d ON d.id = t.addon_id
  JOIN apps da ON da.id = d.app_id JOIN apps ta ON ta.id = t.app_id";

fn map_attachment(row: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: uuid_col(row, 0)?,
        addon_id: uuid_col(row, 1)?,
        addon_name: row.get(2)?,
        addon_app_id: uuid_col(row, 3)?,
        addon_app_name: row.get(4)?,
        app_id: uuid_col(row, 5)?,
        app_name: row.get(6)?,
        name: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

fn addon_by(conn: &Connection, keys: &Keyring, ident: &str) -> rusqlite::Result<Option<AddonRow>> {
    one(
        conn,
        &format!("{ADDON_SELECT} WHERE d.id = ?1 OR d.name = ?1"),
        [ident],
        map_addon(keys),
    )
}

fn attachment_by_id(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<AttachmentRow>> {
    one(
        conn,
        &format!("{ATTACHMENT_SELECT} WHERE t.id = ?1"),
        [id.to_string()],
        map_attachment,
    )
}

fn attachments_where(
    conn: &Connection,
    clause: &str,
    value: &str,
) -> rusqlite::Result<Vec<AttachmentRow>> {
    let mut stmt = conn.prepare(&format!(
        "{ATTACHMENT_SELECT} WHERE {clause} ORDER BY t.created_at, t.id"
    ))?;
    stmt.query_map([value], map_attachment)?.collect()
}

fn insert_attachment(
    tx: &Connection,
    addon_id: Uuid,
    app_id: Uuid,
    name: &str,
) -> rusqlite::Result<AttachmentRow> {
    let id = Uuid::new_v4();
    let now = Timestamp::now().0;
    tx.execute(
        "INSERT INTO addon_attachments (id, addon_id, app_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id.to_string(), addon_id.to_string(), app_id.to_string(), name, now],
    )?;
    attachment_by_id(tx, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
}

/// Why an attachment cannot take a name on an app.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("{app} already has an attachment named `{name}`")]
    NameTaken { app: String, name: String },
    #[error("{app} already has a config var `{var}`")]
    VarTaken { app: String, var: String },
    #[error(transparent)]
    Db(#[from] rusqlite::Error),
}

/// Refuses a name whose attachment or config var the app already has.
fn check_free(
    tx: &Connection,
    keys: &Keyring,
    app_id: Uuid,
    app_name: &str,
    name: &str,
) -> Result<(), AttachError> {
    let taken: Option<String> = one(
        tx,
        "SELECT id FROM addon_attachments WHERE app_id = ?1 AND name = ?2",
        params![app_id.to_string(), name],
        |r| r.get(0),
    )?;
    if taken.is_some() {
        return Err(AttachError::NameTaken {
            app: app_name.to_string(),
            name: name.to_string(),
        });
    }
    let var = format!("{name}_URL");
    if latest_config(tx, keys, app_id)?.contains_key(&var) {
        return Err(AttachError::VarTaken {
            app: app_name.to_string(),
            var,
        });
    }
    Ok(())
}

fn set_var(name: &str, value: Option<&str>) -> ConfigVarsUpdate {
    let mut update = ConfigVarsUpdate::new();
    update.insert(format!("{name}_URL"), value.map(str::to_string));
    update
}

/// `Attach DATABASE (@ref:postgresql-curved-12345)`, Heroku's wording.
pub fn attach_description(attachment: &str, addon: &str) -> String {
    format!("Attach {attachment} (@ref:{addon})")
}

/// A release on each app the add-on is attached to, setting (or, with `None`, removing) the
/// attachment's `NAME_URL`, described as `change` says.
fn release_each_attachment<'a>(
    tx: &Connection,
    keys: &Keyring,
    addon: &AddonRow,
    user_id: Uuid,
    change: impl Fn(&AttachmentRow) -> (Option<&'a str>, String),
) -> rusqlite::Result<Vec<ReleaseRow>> {
    let mut releases = vec![];
    for attachment in attachments_where(tx, "t.addon_id = ?1", &addon.id.to_string())? {
        let (url, description) = change(&attachment);
        let (_, release) = config_release(
            tx,
            keys,
            attachment.app_id,
            user_id,
            &set_var(&attachment.name, url),
            Some(&description),
        )?;
        releases.extend(release);
    }
    Ok(releases)
}

pub fn detach_description(attachment: &str, addon: &str) -> String {
    format!("Detach {attachment} (@ref:{addon})")
}

impl Store {
    /// Whether `name` is free as the attachment name on the app (no attachment, no
    /// `NAME_URL` config var).
    pub fn attachment_name_free(
        &self,
        app_id: Uuid,
        app_name: &str,
        name: &str,
    ) -> Result<(), AttachError> {
        self.read(|c| Ok(check_free(c, &self.keys, app_id, app_name, name)))?
    }

    /// Records a provisioned add-on with its first attachment on its own app, and the release
    /// that sets `NAME_URL`.
    pub fn create_addon(
        &self,
        new: &NewAddon,
        app_name: &str,
        attachment: &str,
        user_id: Uuid,
    ) -> Result<(AddonRow, AttachmentRow, Option<ReleaseRow>), AttachError> {
        let now = Timestamp::now().0;
        self.tx(|tx| {
            check_free(tx, &self.keys, new.app_id, app_name, attachment)?;
            let url = self
                .keys
                .seal(ADDON_URL, new.app_id, &new.id.to_string(), &new.url)?;
            tx.execute(
                "INSERT INTO addons (id, app_id, name, service, plan, provider_id, state, url, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'provisioned', ?7, ?8, ?8)",
                params![
                    new.id.to_string(),
                    new.app_id.to_string(),
                    new.name,
                    new.service,
                    new.plan,
                    new.provider_id,
                    url,
                    now
                ],
            )?;
            let row = addon_by(tx, &self.keys, &new.id.to_string())?
                .ok_or(rusqlite::Error::QueryReturnedNoRows)?;
            let attached = insert_attachment(tx, new.id, new.app_id, attachment)?;
            let (_, release) = config_release(
                tx,
                &self.keys,
                new.app_id,
                user_id,
                &set_var(attachment, Some(&new.url)),
                Some(&attach_description(attachment, &new.name)),
            )?;
            Ok((row, attached, release))
        })
    }

    /// An add-on by id or name, whichever app owns it.
    pub fn addon(&self, ident: &str) -> rusqlite::Result<Option<AddonRow>> {
        self.read(|c| addon_by(c, &self.keys, ident))
    }

    /// The add-ons an app owns or has attached, oldest first.
    pub fn addons_of_app(&self, app_id: Uuid) -> rusqlite::Result<Vec<AddonRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{ADDON_SELECT} WHERE d.app_id = ?1 OR d.id IN (SELECT addon_id FROM addon_attachments WHERE app_id = ?1) ORDER BY d.created_at, d.id"
            ))?;
            stmt.query_map([app_id.to_string()], map_addon(&self.keys))?
                .collect()
        })
    }

    /// The add-ons of every app the account owns or collaborates on.
    pub fn addons_of_account(&self, account_id: Uuid) -> rusqlite::Result<Vec<AddonRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{ADDON_SELECT} WHERE d.app_id IN (SELECT app_id FROM collaborators WHERE account_id = ?1)
                   OR d.id IN (SELECT t.addon_id FROM addon_attachments t JOIN collaborators c ON c.app_id = t.app_id WHERE c.account_id = ?1)
                 ORDER BY d.created_at, d.id"
            ))?;
            stmt.query_map([account_id.to_string()], map_addon(&self.keys))?
                .collect()
        })
    }

    /// Every add-on of every app, oldest first: for the storage quota check.
    pub fn all_addons(&self) -> rusqlite::Result<Vec<AddonRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{ADDON_SELECT} ORDER BY d.created_at, d.id"))?;
            stmt.query_map([], map_addon(&self.keys))?.collect()
        })
    }

    /// Every add-on, for the server's start and `apps:destroy`.
    pub fn addons_owned_by(&self, app_id: Uuid) -> rusqlite::Result<Vec<AddonRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{ADDON_SELECT} WHERE d.app_id = ?1"))?;
            stmt.query_map([app_id.to_string()], map_addon(&self.keys))?
                .collect()
        })
    }

    pub fn attachments_of_addon(&self, addon_id: Uuid) -> rusqlite::Result<Vec<AttachmentRow>> {
        self.read(|c| attachments_where(c, "t.addon_id = ?1", &addon_id.to_string()))
    }

    pub fn attachments_of_app(&self, app_id: Uuid) -> rusqlite::Result<Vec<AttachmentRow>> {
        self.read(|c| attachments_where(c, "t.app_id = ?1", &app_id.to_string()))
    }

    /// The attachments on every app the account can reach.
    pub fn attachments_of_account(&self, account_id: Uuid) -> rusqlite::Result<Vec<AttachmentRow>> {
        self.read(|c| {
            attachments_where(
                c,
                "t.app_id IN (SELECT app_id FROM collaborators WHERE account_id = ?1)",
                &account_id.to_string(),
            )
        })
    }

    pub fn attachment(&self, id: Uuid) -> rusqlite::Result<Option<AttachmentRow>> {
        self.read(|c| attachment_by_id(c, id))
    }

    /// Attaches an add-on to an app as `name`, with the release that sets `NAME_URL`.
    pub fn attach_addon(
        &self,
        addon: &AddonRow,
        app_id: Uuid,
        app_name: &str,
        name: &str,
        user_id: Uuid,
    ) -> Result<(AttachmentRow, Option<ReleaseRow>), AttachError> {
        self.tx(|tx| {
            check_free(tx, &self.keys, app_id, app_name, name)?;
            let attached = insert_attachment(tx, addon.id, app_id, name)?;
            let (_, release) = config_release(
                tx,
                &self.keys,
                app_id,
                user_id,
                &set_var(name, Some(&addon.url)),
                Some(&attach_description(name, &addon.name)),
            )?;
            Ok((attached, release))
        })
    }

    /// Removes an attachment, with the release that removes `NAME_URL`.
    pub fn detach_addon(
        &self,
        attachment: &AttachmentRow,
        user_id: Uuid,
    ) -> rusqlite::Result<Option<ReleaseRow>> {
        self.tx(|tx| {
            tx.execute(
                "DELETE FROM addon_attachments WHERE id = ?1",
                [attachment.id.to_string()],
            )?;
            let (_, release) = config_release(
                tx,
                &self.keys,
                attachment.app_id,
                user_id,
                &set_var(&attachment.name, None),
                Some(&detach_description(
                    &attachment.name,
                    &attachment.addon_name,
                )),
            )?;
            Ok(release)
        })
    }

    /// Forgets a deprovisioned add-on: each attachment's `NAME_URL` goes in a release of its
    /// app. Answers those releases.
    pub fn destroy_addon(
        &self,
        addon: &AddonRow,
        user_id: Uuid,
    ) -> rusqlite::Result<Vec<ReleaseRow>> {
        self.tx(|tx| {
            let releases = release_each_attachment(tx, &self.keys, addon, user_id, |a| {
                (None, detach_description(&a.name, &addon.name))
            })?;
            tx.execute("DELETE FROM addons WHERE id = ?1", [addon.id.to_string()])?;
            Ok(releases)
        })
    }

    /// New credentials: the sealed URL, and a release on each attached app that sets its
    /// `NAME_URL` (`Update DATABASE by heroku-postgresql`).
    pub fn set_addon_url(
        &self,
        addon: &AddonRow,
        url: &str,
        user_id: Uuid,
    ) -> rusqlite::Result<Vec<ReleaseRow>> {
        self.tx(|tx| {
            let sealed = self
                .keys
                .seal(ADDON_URL, addon.app_id, &addon.id.to_string(), url)?;
            tx.execute(
                "UPDATE addons SET url = ?2, updated_at = ?3 WHERE id = ?1",
                params![addon.id.to_string(), sealed, Timestamp::now().0],
            )?;
            release_each_attachment(tx, &self.keys, addon, user_id, |a| {
                (Some(url), format!("Update {} by {}", a.name, addon.service))
            })
        })
    }

    /// Renames an add-on; false when another add-on has the name (names are unique across
    /// the server, as the API's add-on paths take them without an app).
    pub fn rename_addon(&self, addon_id: Uuid, name: &str) -> rusqlite::Result<bool> {
        let renamed = self.tx(|tx| {
            tx.execute(
                "UPDATE addons SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![addon_id.to_string(), name, Timestamp::now().0],
            )
        });
        match renamed {
            Ok(_) => Ok(true),
            Err(e) if super::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn set_addon_plan(&self, addon_id: Uuid, plan: &str) -> rusqlite::Result<()> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE addons SET plan = ?2, updated_at = ?3 WHERE id = ?1",
                params![addon_id.to_string(), plan, Timestamp::now().0],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (
        Store,
        Uuid,
        crate::server::store::AppRow,
        crate::server::store::AppRow,
    ) {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let a = store.create_app("a", owner.id).unwrap();
        let b = store.create_app("b", owner.id).unwrap();
        (store, owner.id, a, b)
    }

    fn new_addon(app: Uuid) -> NewAddon {
        let id = Uuid::new_v4();
        NewAddon {
            id,
            app_id: app,
            name: "postgresql-curved-12345".into(),
            service: "heroku-postgresql".into(),
            plan: "essential-0".into(),
            provider_id: format!("addon_{}", id.simple()),
            url: "postgres://u:secret@127.0.0.1:1/u".into(),
        }
    }

    #[test]
    fn an_addon_sets_and_removes_its_config_vars_in_releases() {
        let (store, user, a, b) = setup();
        let new = new_addon(a.id);
        let (row, att, release) = store.create_addon(&new, "a", "DATABASE", user).unwrap();
        assert_eq!(row.url, new.url);
        assert_eq!(att.config_var(), "DATABASE_URL");
        let release = release.unwrap();
        assert_eq!(
            release.description,
            "Attach DATABASE (@ref:postgresql-curved-12345)"
        );
        assert_eq!(store.config(a.id).unwrap()["DATABASE_URL"], new.url);
        assert!(matches!(
            store.attach_addon(&row, a.id, "a", "DATABASE", user),
            Err(AttachError::NameTaken { .. })
        ));
        let (shared, _) = store
            .attach_addon(&row, b.id, "b", "DATABASE", user)
            .unwrap();
        assert_eq!(store.addons_of_app(b.id).unwrap().len(), 1);
        assert_eq!(store.attachments_of_addon(row.id).unwrap().len(), 2);

        let rotated = store
            .set_addon_url(&row, "postgres://u:new@127.0.0.1:1/u", user)
            .unwrap();
        assert_eq!(rotated.len(), 2);
        assert_eq!(
            rotated[0].description,
            "Update DATABASE by heroku-postgresql"
        );
        assert_eq!(
            store.config(b.id).unwrap()["DATABASE_URL"],
            "postgres://u:new@127.0.0.1:1/u"
        );
        store.detach_addon(&shared, user).unwrap();
        assert!(!store.config(b.id).unwrap().contains_key("DATABASE_URL"));
        let gone = store
            .destroy_addon(&store.addon(&row.name).unwrap().unwrap(), user)
            .unwrap();
        assert_eq!(gone.len(), 1);
        assert!(store.config(a.id).unwrap().is_empty());
        assert!(store.addon(&row.name).unwrap().is_none());
    }

    #[test]
    fn a_name_clashing_with_a_config_var_is_refused() {
        let (store, user, a, _) = setup();
        let mut update = ConfigVarsUpdate::new();
        update.insert("DATABASE_URL".into(), Some("mine".into()));
        store.update_config(a.id, user, &update).unwrap();
        assert!(matches!(
            store.create_addon(&new_addon(a.id), "a", "DATABASE", user),
            Err(AttachError::VarTaken { .. })
        ));
        assert!(store.addon("postgresql-curved-12345").unwrap().is_none());
    }
}
