//! Queries on `sni_endpoints`: apps' uploaded certificates. The private key is sealed
//! (`sealed::SNI_PRIVATE_KEY`) and opened only for the router's certificate table.

use rusqlite::params;
use uuid::Uuid;

use super::sealed::{self, SNI_PRIVATE_KEY};
use super::{Store, one, uuid_col};
use crate::api::Timestamp;

#[derive(Clone, PartialEq, Eq)]
pub struct SniEndpointRow {
    pub id: Uuid,
    pub app_id: Uuid,
    pub app_name: String,
    pub name: String,
    pub certificate_chain: String,
    pub created_at: i64,
    pub updated_at: i64,
}

// No `Debug` of keys anywhere: the row itself holds none.
impl std::fmt::Debug for SniEndpointRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SniEndpointRow")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

const SELECT: &str =
    "SELECT s.id, s.app_id, a.name, s.name, s.certificate_chain, s.created_at, s.updated_at
  FROM sni_endpoints s JOIN apps a ON a.id = s.app_id";

fn map_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SniEndpointRow> {
    Ok(SniEndpointRow {
        id: uuid_col(row, 0)?,
        app_id: uuid_col(row, 1)?,
        app_name: row.get(2)?,
        name: row.get(3)?,
        certificate_chain: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

impl Store {
    /// Adds an endpoint named `name` (unique on the platform).
    pub fn insert_sni_endpoint(
        &self,
        app_id: Uuid,
        name: &str,
        chain: &str,
        key: &str,
    ) -> rusqlite::Result<SniEndpointRow> {
        let id = Uuid::new_v4();
        let now = Timestamp::now().0;
        self.tx(|tx| {
            let sealed_key = self
                .keys
                .seal(SNI_PRIVATE_KEY, app_id, &id.to_string(), key)?;
            tx.execute(
                "INSERT INTO sni_endpoints (id, app_id, name, certificate_chain, private_key, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id.to_string(), app_id.to_string(), name, chain, sealed_key, now],
            )?;
            tx.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id.to_string()], map_row)
        })
    }

    /// Replaces an endpoint's chain and key.
    pub fn update_sni_endpoint(
        &self,
        row: &SniEndpointRow,
        chain: &str,
        key: &str,
    ) -> rusqlite::Result<SniEndpointRow> {
        let now = Timestamp::now().0;
        self.tx(|tx| {
            let sealed_key =
                self.keys
                    .seal(SNI_PRIVATE_KEY, row.app_id, &row.id.to_string(), key)?;
            tx.execute(
                "UPDATE sni_endpoints SET certificate_chain = ?2, private_key = ?3, updated_at = ?4 WHERE id = ?1",
                params![row.id.to_string(), chain, sealed_key, now],
            )?;
            tx.query_row(
                &format!("{SELECT} WHERE s.id = ?1"),
                [row.id.to_string()],
                map_row,
            )
        })
    }

    pub fn sni_endpoints(&self, app_id: Uuid) -> rusqlite::Result<Vec<SniEndpointRow>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{SELECT} WHERE s.app_id = ?1 ORDER BY s.created_at, s.name"
            ))?;
            stmt.query_map([app_id.to_string()], map_row)?.collect()
        })
    }

    /// One of an app's endpoints by id or name.
    pub fn sni_endpoint(
        &self,
        app_id: Uuid,
        ident: &str,
    ) -> rusqlite::Result<Option<SniEndpointRow>> {
        self.read(|c| {
            one(
                c,
                &format!("{SELECT} WHERE s.app_id = ?1 AND (s.id = ?2 OR s.name = ?2)"),
                [app_id.to_string(), ident.to_string()],
                map_row,
            )
        })
    }

    pub fn delete_sni_endpoint(&self, id: Uuid) -> rusqlite::Result<bool> {
        self.tx(|c| {
            c.execute("DELETE FROM sni_endpoints WHERE id = ?1", [id.to_string()])
                .map(|n| n > 0)
        })
    }

    /// Every endpoint with its opened key, and the custom domains of its app: what the
    /// router's certificate table is built from.
    pub fn sni_endpoints_for_router(
        &self,
    ) -> rusqlite::Result<Vec<(SniEndpointRow, String, Vec<String>)>> {
        self.read(|c| {
            let mut stmt = c.prepare(&format!("{SELECT} ORDER BY s.updated_at, s.id"))?;
            let rows: Vec<SniEndpointRow> =
                stmt.query_map([], map_row)?.collect::<Result<_, _>>()?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let key = one(
                    c,
                    "SELECT private_key FROM sni_endpoints WHERE id = ?1",
                    [row.id.to_string()],
                    |r| sealed::open_col(&self.keys, r, 0, SNI_PRIVATE_KEY, row.app_id, row.id),
                )?
                .unwrap_or_default();
                let mut hosts =
                    c.prepare_cached("SELECT hostname FROM domains WHERE app_id = ?1")?;
                let domains = hosts
                    .query_map([row.app_id.to_string()], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()?;
                out.push((row, key, domains));
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sealed_and_opened_for_the_router_only() {
        let store = Store::in_memory();
        let owner = store.insert_account("o@example.com", None).unwrap();
        let app = store.create_app("demo", owner.id).unwrap();
        store.insert_domain(app.id, "www.example.test").unwrap();
        let row = store
            .insert_sni_endpoint(app.id, "cert-one", "CHAIN", "KEY-MATERIAL")
            .unwrap();
        let raw: String = store
            .read(|c| c.query_row("SELECT private_key FROM sni_endpoints", [], |r| r.get(0)))
            .unwrap();
        assert!(raw.starts_with("sealed:1:") && !raw.contains("KEY-MATERIAL"));
        assert_eq!(
            store.sni_endpoint(app.id, "cert-one").unwrap().unwrap().id,
            row.id
        );
        assert_eq!(
            store
                .sni_endpoint(app.id, &row.id.to_string())
                .unwrap()
                .unwrap()
                .name,
            "cert-one"
        );
        let all = store.sni_endpoints_for_router().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].1, "KEY-MATERIAL");
        assert_eq!(all[0].2, ["www.example.test"]);
        let updated = store.update_sni_endpoint(&row, "CHAIN2", "KEY2").unwrap();
        assert_eq!(updated.certificate_chain, "CHAIN2");
        assert_eq!(store.sni_endpoints_for_router().unwrap()[0].1, "KEY2");
        assert!(store.delete_sni_endpoint(row.id).unwrap());
        assert!(store.sni_endpoints(app.id).unwrap().is_empty());
    }
}
