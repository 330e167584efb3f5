//! Portal-wide settings that administrators change, one `setting` record each.

use crate::accounts::model::PortalSettings;
use crate::platform::db::Db;
use crate::platform::error::AppError;

pub async fn get(db: &Db) -> Result<PortalSettings, AppError> {
    let mut resp = db
        .query(
            "SELECT VALUE value FROM ONLY setting:require_totp_privileged;
             SELECT VALUE value FROM ONLY setting:reserve_directory_export;",
        )
        .await?
        .check()?;
    let require: Option<bool> = resp.take(0)?;
    let reserve: Option<bool> = resp.take(1)?;
    Ok(PortalSettings {
        require_totp_for_privileged: require.unwrap_or(false),
        reserve_directory_export: reserve.unwrap_or(false),
    })
}

pub async fn set(db: &Db, settings: &PortalSettings) -> Result<(), AppError> {
    db.query(
        "UPSERT setting:require_totp_privileged SET value = $totp;
         UPSERT setting:reserve_directory_export SET value = $reserve;",
    )
    .bind(("totp", settings.require_totp_for_privileged))
    .bind(("reserve", settings.reserve_directory_export))
    .await?
    .check()?;
    Ok(())
}
