//! The notification centre's endpoints: any signed-in member, about their
//! own notifications only.

use app_macros::api;

use crate::notifications::model::{NotificationList, NotificationPrefs};
use crate::platform::error::AppError;

/// A page of the caller's notifications, newest first, with the unread count.
#[api("notifications/list")]
pub async fn list_notifications(#[server(default)] page: Option<u64>) -> Result<NotificationList, AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::list(&crate::platform::context::db()?, &me, page.unwrap_or(1)).await
}

/// How many of the caller's notifications are unread (the bell).
#[api("notifications/unread")]
pub async fn unread_count() -> Result<u64, AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::unread(&crate::platform::context::db()?, &me).await
}

/// Marks one of the caller's notifications read; answers where it leads.
#[api("notifications/open")]
pub async fn open_notification(id: String) -> Result<String, AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::open(&crate::platform::context::db()?, &me, &id).await
}

/// Marks all the caller's notifications read.
#[api("notifications/read-all")]
pub async fn read_all() -> Result<(), AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::read_all(&crate::platform::context::db()?, &me).await
}

/// How each kind of notification reaches the caller.
#[api("notifications/prefs")]
pub async fn my_notification_prefs() -> Result<NotificationPrefs, AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::prefs(&crate::platform::context::db()?, &me).await
}

/// Saves the caller's choices.
#[api("notifications/save-prefs")]
pub async fn save_notification_prefs(prefs: NotificationPrefs) -> Result<(), AppError> {
    let me = crate::platform::context::require(&[]).await?;
    crate::notifications::services::save_prefs(&crate::platform::context::db()?, &me, &prefs).await
}
