//! Joining: applications, the pilots' answers (an accept counts the places
//! inside the transaction that takes one), and a member's own missions.

use serde::Deserialize;

use super::cards::{
    conflict, load_for, seats, summary, taken_places, CardRow, Refusal, CARD_FIELDS, PUBLIC_STATUSES,
};
use super::notify::notify;
use crate::accounts::model::CurrentUser;
use crate::missions::model::*;
use crate::notifications::model::NotificationKind;
use crate::platform::db::{check_key, check_refusals, first, rows, Db, Failed};
use crate::platform::error::{check_code, check_text, validated, AppError};
use crate::platform::outbox::Outbound;
use crate::platform::said::said;
use crate::platform::said::Both;

/// A member's application to a role of an open mission.
pub async fn apply(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    role: &str,
    message: &str,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "role", role, &MISSION_ROLES);
    check_text(&mut errors, "message", message, false, 2000);
    validated(errors)?;
    let card = load_for(db, user, id).await?;
    if !card.status.is_open() {
        return Err(conflict(&said(
            "Cette mission n'accueille pas de candidatures.",
            "This mission does not take applications.",
        )));
    }
    let taken = taken_places(db, Some(id)).await?;
    let Some(seat) = seats(&card, &taken).into_iter().find(|s| s.role.role == role) else {
        return Err(AppError::field(
            "role",
            "invalid",
            &said(
                "Cette mission ne cherche personne pour ce rôle.",
                "This mission is not looking for anyone in this role.",
            ),
        ));
    };
    if seat.taken >= seat.role.places {
        return Err(conflict(&said(
            "Plus aucune place pour ce rôle.",
            "No place left for this role.",
        )));
    }
    let mut resp = db
        .query(
            "SELECT VALUE id FROM mission_application WHERE mission = type::record('mission', $id)
                 AND member = type::record('user', $me) AND status IN ['pending', 'accepted']",
        )
        .bind(("id", id.to_string()))
        .bind(("me", user.id.clone()))
        .await?
        .check()?;
    let existing: Vec<serde_json::Value> = resp.take(0)?;
    if card.is_pilot(user) || !existing.is_empty() {
        return Err(conflict(&said(
            "Vous faites déjà partie de cette mission ou y avez déjà candidaté.",
            "You already take part in this mission or have applied to it.",
        )));
    }
    db.query(
        "CREATE mission_application SET mission = type::record('mission', $id), member = type::record('user', $me),
             role = $role, message = $message",
    )
    .bind(("id", id.to_string()))
    .bind(("me", user.id.clone()))
    .bind(("role", role.to_string()))
    .bind(("message", message.trim().to_string()))
    .await?
    .check()?;
    let text = Both::new(
        format!("candidate à « {} »", card.title),
        format!("applies to “{}”", card.title),
    );
    notify(
        db,
        out,
        NotificationKind::Missions,
        &card.pilot_ids,
        Some(user),
        text,
        format!("/missions/{id}"),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub(super) struct PendingRow {
    pub(super) mission: String,
    pub(super) member: String,
    pub(super) role: String,
    pub(super) status: ApplicationStatus,
}

/// What an answer changed, for the audit log.
pub struct Answered {
    pub mission_title: String,
    pub member: String,
}

/// A pilot accepts or declines an application. An accept takes a place in
/// the same transaction that counts them, so two accepts at once cannot
/// fill more places than the card has.
pub async fn answer(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    application: &str,
    accept: bool,
) -> Result<Answered, AppError> {
    check_key(application)?;
    let mut resp = db
        .query(
            "SELECT record::id(mission) AS mission, record::id(member) AS member, role, status
                 FROM type::record('mission_application', $a)",
        )
        .bind(("a", application.to_string()))
        .await?
        .check()?;
    let app: PendingRow = first(&mut resp, 0)?.ok_or(AppError::NotFound)?;
    let card = load_for(db, user, &app.mission).await?;
    if !card.is_pilot(user) {
        return Err(AppError::Forbidden);
    }
    if app.status != ApplicationStatus::Pending {
        return Err(conflict(&said(
            "Cette candidature a déjà reçu une réponse.",
            "This application has already been answered.",
        )));
    }
    let places = card
        .roles
        .iter()
        .filter(|r| r.role == app.role)
        .map(|r| r.places)
        .sum::<u32>();
    let status = if accept {
        ApplicationStatus::Accepted
    } else {
        ApplicationStatus::Declined
    };
    // Both accepts write the mission record (team_version): the database lets
    // only one of two concurrent transactions commit; the other retries and
    // then sees the place taken.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = db
            .query(
                "BEGIN;
                 LET $m = type::record('mission', $mission);
                 UPDATE $m SET team_version += 1;
                 LET $taken = count(SELECT id FROM mission_application WHERE mission = $m AND role = $role AND status = 'accepted');
                 IF $accept AND $taken >= $places { THROW 'full' };
                 LET $done = (UPDATE type::record('mission_application', $a) SET status = $status, answered_by = type::record('user', $me)
                     WHERE status = 'pending' RETURN VALUE id);
                 IF $done = [] { THROW 'answered' };
                 IF $accept AND $role IN ['pilot', 'copilot'] {
                     UPDATE $m SET pilot_users = array::union(pilot_users, [type::record('user', $member)])
                 };
                 IF $accept {
                     CREATE mission_event SET mission = $m, by = type::record('user', $me),
                         kind = 'member_joined', text = (SELECT VALUE display_name FROM ONLY type::record('user', $member))
                 };
                 COMMIT;",
            )
            .bind(("mission", app.mission.clone()))
            .bind(("a", application.to_string()))
            .bind(("role", app.role.clone()))
            .bind(("places", places))
            .bind(("accept", accept))
            .bind(("status", status.code()))
            .bind(("me", user.id.clone()))
            .bind(("member", app.member.clone()))
            .await;
        let failed = match result {
            Ok(resp) => check_refusals(resp, Refusal::from_code).err(),
            Err(err) => Some(Failed::Db(err)),
        };
        match failed {
            None => break,
            Some(Failed::Refused(Refusal::Full)) => {
                return Err(conflict(&said(
                    "Plus aucune place pour ce rôle : la candidature reste en attente.",
                    "No place left for this role: the application stays pending.",
                )))
            }
            Some(Failed::Refused(_)) => {
                return Err(conflict(&said(
                    "Cette candidature a déjà reçu une réponse.",
                    "This application has already been answered.",
                )))
            }
            Some(failed) if attempts < 10 && failed.can_retry() => {
                tokio::time::sleep(std::time::Duration::from_millis(7 * attempts)).await;
            }
            Some(Failed::Db(err)) => {
                tracing::error!(error = %err, "accepting an application failed");
                return Err(AppError::Internal);
            }
        }
    }
    let (verdict, verdict_en) = if accept {
        ("acceptée", "accepted")
    } else {
        ("déclinée", "declined")
    };
    notify(
        db,
        out,
        NotificationKind::Missions,
        std::slice::from_ref(&app.member),
        None,
        Both::new(
            format!("Votre candidature à « {} » a été {verdict}.", card.title),
            format!("Your application to “{}” was {verdict_en}.", card.title),
        ),
        format!("/missions/{}", card.id),
    )
    .await?;
    Ok(Answered {
        mission_title: card.title,
        member: app.member,
    })
}

/// The missions a member belongs to (shown on their profile).
pub async fn memberships(db: &Db, user_id: &str) -> Result<Vec<TeamMembership>, AppError> {
    check_key(user_id)?;
    let mut resp = db
        .query(
            "SELECT record::id(mission) AS mission_id, mission.title AS title, role, mission.status AS status
                 FROM mission_application WHERE member = type::record('user', $u) AND status = 'accepted'
                 AND mission.status IN $public",
        )
        .bind(("u", user_id.to_string()))
        .bind(("public", PUBLIC_STATUSES.to_vec()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

#[derive(Debug, Deserialize)]
pub(super) struct NotificationRow {
    pub(super) at: String,
    pub(super) text: String,
    pub(super) link: String,
}

/// The caller's cards, teams and latest notifications.
pub async fn mine(db: &Db, user: &CurrentUser) -> Result<MyMissions, AppError> {
    let mut resp = db
        .query(format!(
            "LET $me = type::record('user', $u);
             SELECT {CARD_FIELDS}, updated_at FROM mission WHERE pilot_users CONTAINS $me OR proposer = $me ORDER BY updated_at DESC;
             SELECT <string> at AS at, link,
                 (IF actor != NONE THEN actor.display_name + ' ' + text ELSE text END) AS text
                 FROM notification WHERE user = $me ORDER BY at DESC LIMIT 30;"
        ))
        .bind(("u", user.id.clone()))
        .await?
        .check()?;
    let cards: Vec<CardRow> = rows(&mut resp, 1)?;
    let notifications: Vec<NotificationRow> = rows(&mut resp, 2)?;
    let taken = taken_places(db, None).await?;
    Ok(MyMissions {
        piloted: cards.iter().map(|c| summary(c, &taken)).collect(),
        joined: memberships(db, &user.id).await?,
        notifications: notifications
            .into_iter()
            .map(|n| Notification {
                at: n.at,
                text: n.text,
                link: n.link,
            })
            .collect(),
    })
}
