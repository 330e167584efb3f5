//! Telling the people of a card what happened to it, through the
//! notification centre (`crate::notifications`).

use crate::accounts::model::CurrentUser;
use crate::notifications::model::NotificationKind;
use crate::notifications::services::Notice;
use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::platform::outbox::{Outbound, Source};
use crate::platform::said::Both;

/// Tells `users` about a card; with an `actor`, the notification shows their
/// name as it is when read (`{actor} text`).
pub(super) async fn notify(
    db: &Db,
    out: &Outbound,
    kind: NotificationKind,
    users: &[String],
    actor: Option<&CurrentUser>,
    text: Both,
    link: String,
) -> Result<(), AppError> {
    let notice = Notice {
        kind,
        users: users.to_vec(),
        actor,
        text,
        link,
    };
    crate::notifications::services::notify(db, out, Source::Missions, notice).await
}
