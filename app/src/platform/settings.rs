//! Portal-wide settings that administrators change, one `setting` record each.

use crate::accounts::model::PortalSettings;
use crate::platform::db::Db;
use crate::platform::error::AppError;

pub async fn get(db: &Db) -> Result<PortalSettings, AppError> {
    let mut resp = db
        .query(
            "SELECT VALUE value FROM ONLY setting:require_totp_privileged;
             SELECT VALUE value FROM ONLY setting:reserve_directory_export;
             SELECT VALUE value FROM ONLY setting:allow_private_webhooks;
             SELECT VALUE value FROM ONLY setting:invitations_per_minute;",
        )
        .await?
        .check()?;
    let require: Option<bool> = resp.take(0)?;
    let reserve: Option<bool> = resp.take(1)?;
    let private: Option<bool> = resp.take(2)?;
    let rate: Option<i64> = resp.take(3)?;
    Ok(PortalSettings {
        require_totp_for_privileged: require.unwrap_or(false),
        reserve_directory_export: reserve.unwrap_or(false),
        allow_private_webhooks: private.unwrap_or(false),
        invitations_per_minute: rate.map_or(60, |r| r.clamp(1, 6000) as u32),
    })
}

pub async fn set(db: &Db, settings: &PortalSettings) -> Result<(), AppError> {
    db.query(
        "UPSERT setting:require_totp_privileged SET value = $totp;
         UPSERT setting:reserve_directory_export SET value = $reserve;
         UPSERT setting:allow_private_webhooks SET value = $private;
         UPSERT setting:invitations_per_minute SET value = $rate;",
    )
    .bind(("totp", settings.require_totp_for_privileged))
    .bind(("reserve", settings.reserve_directory_export))
    .bind(("private", settings.allow_private_webhooks))
    .bind(("rate", settings.invitations_per_minute.clamp(1, 6000) as i64))
    .await?
    .check()?;
    Ok(())
}
