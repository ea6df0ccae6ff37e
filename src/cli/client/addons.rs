//! Add-ons: an app's add-ons and attachments, and the services and plans on offer.

use reqwest::Method;

use super::{Client, ClientError};
use crate::api::{
    AddOn, AddOnAttachment, AddOnAttachmentCreate, AddOnBackup, AddOnBackupSchedule,
    AddOnBackupScheduleUpdate, AddOnCreate, AddOnService, AddOnUpdate, AddOnUsage, AttachmentName,
    Plan, paths,
};

impl Client {
    pub async fn app_addons(&self, app: &str) -> Result<Vec<AddOn>, ClientError> {
        self.list(&paths::app_addons(app), None, true).await
    }

    /// Every add-on of every app the account can reach.
    pub async fn all_addons(&self) -> Result<Vec<AddOn>, ClientError> {
        self.list(&paths::addons(), None, true).await
    }

    pub async fn addon(&self, addon: &str) -> Result<AddOn, ClientError> {
        self.get(&paths::addon(addon)).await
    }

    pub async fn create_addon(
        &self,
        app: &str,
        plan: &str,
        name: Option<&str>,
        attachment: Option<&str>,
    ) -> Result<AddOn, ClientError> {
        let body = AddOnCreate {
            plan: plan.to_string(),
            name: name.map(str::to_string),
            attachment: attachment.map(|n| AttachmentName {
                name: Some(n.to_string()),
            }),
            ..AddOnCreate::default()
        };
        self.with_body(Method::POST, &paths::app_addons(app), &body)
            .await
    }

    pub async fn destroy_addon(&self, app: &str, addon: &str) -> Result<AddOn, ClientError> {
        self.delete(&paths::app_addon(app, addon)).await
    }

    /// Moves the add-on to another plan of its service (`essential-1`, `heroku-redis:premium-0`).
    pub async fn change_addon_plan(
        &self,
        app: &str,
        addon: &str,
        plan: &str,
    ) -> Result<AddOn, ClientError> {
        let body = AddOnUpdate {
            plan: Some(plan.to_string()),
            name: None,
        };
        self.with_body(Method::PATCH, &paths::app_addon(app, addon), &body)
            .await
    }

    /// Gives an add-on a new name (`addons:rename`); its attachments keep theirs.
    pub async fn rename_addon(
        &self,
        app: &str,
        addon: &str,
        name: &str,
    ) -> Result<AddOn, ClientError> {
        let body = AddOnUpdate {
            plan: None,
            name: Some(name.to_string()),
        };
        self.with_body(Method::PATCH, &paths::app_addon(app, addon), &body)
            .await
    }

    pub async fn addon_attachments(
        &self,
        addon: &str,
    ) -> Result<Vec<AddOnAttachment>, ClientError> {
        self.list(&paths::addon_attachments_of(addon), None, true)
            .await
    }

    pub async fn app_attachment(
        &self,
        app: &str,
        attachment: &str,
    ) -> Result<AddOnAttachment, ClientError> {
        self.get(&paths::app_addon_attachment(app, attachment))
            .await
    }

    pub async fn attach_addon(
        &self,
        addon: &str,
        app: &str,
        name: Option<&str>,
    ) -> Result<AddOnAttachment, ClientError> {
        let body = AddOnAttachmentCreate {
            addon: addon.to_string(),
            app: app.to_string(),
            name: name.map(str::to_string),
            confirm: None,
        };
        self.with_body(Method::POST, &paths::addon_attachments(), &body)
            .await
    }

    pub async fn detach_addon(&self, id: &str) -> Result<AddOnAttachment, ClientError> {
        self.delete(&paths::addon_attachment(id)).await
    }

    pub async fn rotate_addon_credentials(
        &self,
        app: &str,
        addon: &str,
    ) -> Result<AddOn, ClientError> {
        let path = paths::app_addon_rotate_credentials(app, addon);
        self.with_body(Method::POST, &path, &serde_json::json!({}))
            .await
    }

    pub async fn reset_addon(&self, app: &str, addon: &str) -> Result<AddOn, ClientError> {
        self.with_body(
            Method::POST,
            &paths::app_addon_reset(app, addon),
            &serde_json::json!({}),
        )
        .await
    }

    pub async fn addon_usage(&self, app: &str, addon: &str) -> Result<AddOnUsage, ClientError> {
        self.get(&paths::app_addon_usage(app, addon)).await
    }

    pub async fn addon_backups(
        &self,
        app: &str,
        addon: &str,
    ) -> Result<Vec<AddOnBackup>, ClientError> {
        self.get(&paths::app_addon_backups(app, addon)).await
    }

    pub async fn capture_backup(&self, app: &str, addon: &str) -> Result<AddOnBackup, ClientError> {
        self.with_body(
            Method::POST,
            &paths::app_addon_backups(app, addon),
            &serde_json::json!({}),
        )
        .await
    }

    /// Restores `backup` (`latest` for the newest).
    pub async fn restore_backup(
        &self,
        app: &str,
        addon: &str,
        backup: &str,
    ) -> Result<AddOnBackup, ClientError> {
        self.with_body(
            Method::POST,
            &paths::app_addon_backup_restore(app, addon, backup),
            &serde_json::json!({}),
        )
        .await
    }

    /// The backup's bytes, to stream to a file.
    pub async fn download_backup(
        &self,
        app: &str,
        addon: &str,
        backup: &str,
    ) -> Result<reqwest::Response, ClientError> {
        self.send(self.request(Method::GET, &paths::app_addon_backup(app, addon, backup)))
            .await
    }

    pub async fn backup_schedule(
        &self,
        app: &str,
        addon: &str,
    ) -> Result<AddOnBackupSchedule, ClientError> {
        self.get(&paths::app_addon_backup_schedule(app, addon))
            .await
    }

    /// Backs the add-on up every day at `at` (`02:00`, UTC).
    pub async fn set_backup_schedule(
        &self,
        app: &str,
        addon: &str,
        at: &str,
    ) -> Result<AddOnBackupSchedule, ClientError> {
        let body = AddOnBackupScheduleUpdate { at: at.to_string() };
        self.with_body(
            Method::PUT,
            &paths::app_addon_backup_schedule(app, addon),
            &body,
        )
        .await
    }

    pub async fn delete_backup_schedule(
        &self,
        app: &str,
        addon: &str,
    ) -> Result<AddOnBackupSchedule, ClientError> {
        self.delete(&paths::app_addon_backup_schedule(app, addon))
            .await
    }

    pub async fn addon_services(&self) -> Result<Vec<AddOnService>, ClientError> {
        self.list(&paths::addon_services(), None, true).await
    }

    pub async fn addon_plans(&self, service: &str) -> Result<Vec<Plan>, ClientError> {
        self.list(&paths::addon_service_plans(service), None, true)
            .await
    }
}
