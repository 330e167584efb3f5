//! The board names a card's pilots from the card page, among the portal's
//! members. A named pilot holds an accepted place (role `pilot` or
//! `copilot`), so the card's team, its seats and the member's own page say
//! the same thing; they get the `pilot` role if they lacked it, and are told.

use super::cards::{account_name, conflict, load, CardRow};
use super::notify::notify;
use crate::accounts::model::{CurrentUser, Role};
use crate::missions::model::*;
use crate::notifications::model::NotificationKind;
use crate::platform::db::{check_all, retry_on_conflict, Db};
use crate::platform::error::{check_code, validated, AppError};
use crate::platform::outbox::Outbound;
use crate::platform::said::said;
use crate::platform::said::Both;

/// The roles the board names directly.
const PILOT_ROLES: [&str; 2] = ["pilot", "copilot"];

fn may_name(user: &CurrentUser) -> bool {
    user.has(Role::Board) || user.has(Role::Admin)
}

/// The card, unless it is archived (its team is history then).
async fn card_to_staff(db: &Db, user: &CurrentUser, id: &str) -> Result<CardRow, AppError> {
    if !may_name(user) {
        return Err(AppError::Forbidden);
    }
    let card = load(db, id).await?;
    if card.status == MissionStatus::Archived {
        return Err(conflict(&said(
            "Cette mission est archivée : son équipe ne change plus.",
            "This mission is archived: its team no longer changes.",
        )));
    }
    Ok(card)
}

/// An active member's display name, or the field error the picker shows.
async fn member_name(db: &Db, member: &str) -> Result<String, AppError> {
    let unknown = (
        "Choisissez un membre de l'annuaire.",
        "Choose a member from the directory.",
    );
    account_name(db, member, None, unknown).await
}

/// Names a pilot: the place, the pilots list, the role and the history
/// change together; a pending application of theirs is settled by it.
const NAME_PILOT: &str = "BEGIN;
     LET $m = type::record('mission', $id);
     LET $u = type::record('user', $member);
     LET $me = type::record('user', $by);
     UPDATE $m SET team_version += 1, pilot_users = array::union(pilot_users, [$u]), updated_at = time::now();
     UPDATE mission_application SET status = 'removed' WHERE mission = $m AND member = $u AND status IN ['pending', 'accepted'];
     CREATE mission_application SET mission = $m, member = $u, role = $role, status = 'accepted', answered_by = $me;
     UPDATE $u SET roles = array::union(roles, ['pilot']) WHERE roles CONTAINSNOT 'pilot';
     CREATE mission_event SET mission = $m, by = $me, kind = 'pilot_named', text = $name;
     COMMIT;";

/// Frees a pilot's place and says so in the history.
const REMOVE_PILOT: &str = "BEGIN;
     LET $m = type::record('mission', $id);
     LET $u = type::record('user', $member);
     UPDATE $m SET team_version += 1, pilot_users = array::complement(pilot_users, [$u]), updated_at = time::now();
     UPDATE mission_application SET status = 'removed'
         WHERE mission = $m AND member = $u AND status = 'accepted' AND role IN ['pilot', 'copilot'];
     CREATE mission_event SET mission = $m, by = type::record('user', $by), kind = 'pilot_removed', text = $name;
     COMMIT;";

/// Runs `sql`, one change of the card's pilots, as a transaction retried when
/// a concurrent write conflicts. It reads `$id` (the card), `$member`, `$by`
/// (who acts), `$name` (the member's, for the history) and `$role` (the place
/// a named member takes; none for a removal).
async fn change_pilots(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    member: &str,
    name: &str,
    role: Option<&str>,
    sql: &'static str,
) -> Result<(), AppError> {
    retry_on_conflict(|| async {
        check_all(
            db.query(sql)
                .bind(("id", id.to_string()))
                .bind(("member", member.to_string()))
                .bind(("by", user.id.clone()))
                .bind(("role", role.map(str::to_string)))
                .bind(("name", name.to_string()))
                .await?,
        )
    })
    .await?;
    Ok(())
}

/// Tells the member what the board did, with a link to the card.
async fn tell_member(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    member: &str,
    text: Both,
) -> Result<(), AppError> {
    notify(
        db,
        out,
        NotificationKind::Missions,
        &[member.to_string()],
        Some(user),
        text,
        format!("/missions/{id}"),
    )
    .await
}

/// Names `member` pilot or co-pilot of the card (board, administrators).
/// Answers the member's name, for the audit log.
pub async fn name_pilot(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    member: &str,
    role: &str,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "role", role, &PILOT_ROLES);
    validated(errors)?;
    let card = card_to_staff(db, user, id).await?;
    let name = member_name(db, member).await?;
    if card.pilot_ids.iter().any(|p| p == member) {
        return Err(conflict(&said(
            format!("{name} pilote déjà cette mission."),
            format!("{name} already pilots this mission."),
        )));
    }
    change_pilots(db, user, id, member, &name, Some(role), NAME_PILOT).await?;
    let (what, what_en) = if role == "copilot" {
        ("co-pilote", "co-pilot")
    } else {
        ("pilote", "pilot")
    };
    let text = Both::new(
        format!(
            "vous a nommé·e {what} de « {} ». Vous y voyez maintenant les candidatures.",
            card.title
        ),
        format!(
            "named you {what_en} of “{}”. You now see its applications there.",
            card.title
        ),
    );
    tell_member(db, out, user, id, member, text).await?;
    Ok(name)
}

/// Takes `member` off the card's pilots (board, administrators): their place
/// is freed and the history says so. Their `pilot` role stays (they may
/// pilot other cards). Answers the member's name, for the audit log.
pub async fn remove_pilot(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    member: &str,
) -> Result<String, AppError> {
    let card = card_to_staff(db, user, id).await?;
    let name = member_name(db, member).await?;
    if !card.pilot_ids.iter().any(|p| p == member) {
        return Err(conflict(&said(
            format!("{name} ne pilote pas cette mission."),
            format!("{name} does not pilot this mission."),
        )));
    }
    change_pilots(db, user, id, member, &name, None, REMOVE_PILOT).await?;
    let text = Both::new(
        format!("vous a retiré·e des pilotes de « {} ».", card.title),
        format!("removed you from the pilots of “{}”.", card.title),
    );
    tell_member(db, out, user, id, member, text).await?;
    Ok(name)
}
