//! Portal-wide settings that administrators change.

use crate::accounts::model::PortalSettings;
use crate::platform::db::Db;
use crate::platform::error::AppError;

pub async fn get(db: &Db) -> Result<PortalSettings, AppError> {
    let mut resp = db
        .query("SELECT VALUE value FROM ONLY setting:require_totp_privileged")
        .await?
        .check()?;
    let require: Option<bool> = resp.take(0)?;
    Ok(PortalSettings {
        require_totp_for_privileged: require.unwrap_or(false),
    })
}

pub async fn set(db: &Db, settings: &PortalSettings) -> Result<(), AppError> {
    db.query("UPSERT setting:require_totp_privileged SET value = $v")
        .bind(("v", settings.require_totp_for_privileged))
        .await?
        .check()?;
    Ok(())
}
