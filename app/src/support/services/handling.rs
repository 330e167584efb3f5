//! Handling a request: taking, handing over, the thread between requester
//! and helpers (with internal notes the requester never sees), statuses,
//! reopening.

use serde::{Deserialize, Serialize};

use crate::platform::said::said;
use crate::platform::said::Both;
use crate::support::services::notify;

use super::requests::{can_reopen, handled, now_unix, visible, RequestRow, REOPEN_DAYS};
use super::settings::helpers;
use crate::accounts::model::CurrentUser;
use crate::notifications::model::NotificationKind;
use crate::platform::db::{check_key, Db};
use crate::platform::error::{check_code, check_text, validated, AppError};
use crate::platform::labels::label_fr;
use crate::support::model::{MessageKind, PersonRef, RequestStatus};
use crate::support::services::notify::{tell, tell_team, Outbound, OutboxEntry};

/// Writes a change to a request and its thread entries in one transaction;
/// every change bumps the request's version. With an `expected` version in
/// `bindings` (what the helper's page showed), a request changed meanwhile
/// is left alone and the caller gets a 409.
pub(super) async fn apply(
    db: &Db,
    number: u64,
    set: &str,
    author: &str,
    messages: Vec<serde_json::Value>,
    outbox: Vec<OutboxEntry>,
    bindings: Vec<(&'static str, serde_json::Value)>,
) -> Result<(), AppError> {
    let sql = format!(
        "BEGIN;
         LET $req = (SELECT VALUE id FROM ONLY support_request WHERE number = $n LIMIT 1);
         LET $changed = (UPDATE $req SET updated_at = time::now(), version = (version OR 0) + 1 {set}
             WHERE $expected = NONE OR $expected = NULL OR version = $expected RETURN VALUE id);
         IF $changed != [] {{
             FOR $m IN $messages {{ CREATE support_message CONTENT {{
                 request: $req, author: type::record('user', $author), kind: $m.kind, body: $m.body, event: $m.event
             }} }};
             FOR $o IN $outbox {{ CREATE outbox CONTENT {{
                 source: 'support', urgent: $o.urgent,
                 request: $req, number: $n, channel: $o.channel, target: $o.target,
                 subject: string::replace($o.subject_head, '{{n}}', <string> $n) + $o.subject_text,
                 body: string::replace($o.body_head, '{{n}}', <string> $n) + $o.body_text
                     + string::replace($o.body_foot, '{{n}}', <string> $n)
             }} }};
         }};
         RETURN $changed != [];
         COMMIT;"
    );
    let mut query = db
        .query(sql)
        .bind(("n", number as i64))
        .bind(("author", author.to_string()))
        .bind(("messages", messages))
        .bind((
            "outbox",
            serde_json::to_value(outbox).map_err(|_| AppError::Internal)?,
        ));
    if !bindings.iter().any(|(name, _)| *name == "expected") {
        query = query.bind(("expected", serde_json::Value::Null));
    }
    for (name, value) in bindings {
        query = query.bind((name, value));
    }
    let mut resp = query.await?.check()?;
    let result = resp.num_statements() - 2;
    let changed: Option<bool> = resp.take(result)?;
    if changed == Some(true) {
        Ok(())
    } else {
        Err(AppError::Conflict {
            message: said("Quelqu'un de l'équipe vient de modifier cette demande (prise en charge, transfert…) : rechargez la page pour voir qui s'en occupe.", "Someone in the team just changed this request (taken, handed over…): reload the page to see who handles it."),
        })
    }
}

pub(super) fn event(code: &str, body: &str) -> serde_json::Value {
    serde_json::json!({"kind": MessageKind::Event, "event": code, "body": body})
}

/// The status of a request once someone is assigned: a new one is taken,
/// any other keeps where it is.
pub(super) fn once_assigned(status: RequestStatus) -> RequestStatus {
    if status == RequestStatus::New {
        RequestStatus::Taken
    } else {
        status
    }
}

/// A referent takes a request: it is assigned to them. With the `version`
/// their page showed, a request someone took or changed meanwhile is a 409.
pub async fn take(db: &Db, user: &CurrentUser, number: u64, version: Option<i64>) -> Result<(), AppError> {
    let row = handled(db, user, number).await?;
    check_key(&user.id)?;
    assign_to(
        db,
        user,
        number,
        row.status,
        &user.id,
        event("taken", &user.display_name),
        version,
    )
    .await
}

/// Gives the request to `assignee`, with the thread's `event` saying so; a
/// request changed since `version` is a 409.
async fn assign_to(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    status: RequestStatus,
    assignee: &str,
    event: serde_json::Value,
    version: Option<i64>,
) -> Result<(), AppError> {
    apply(
        db,
        number,
        ", assignee = type::record('user', $assignee), status = $status",
        &user.id,
        vec![event],
        Vec::new(),
        vec![
            ("assignee", assignee.into()),
            ("status", once_assigned(status).code().into()),
            ("expected", version.into()),
        ],
    )
    .await
}

/// Hands a request to another helper (referent, board or admin).
pub async fn assign(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    number: u64,
    helper_id: &str,
    version: Option<i64>,
) -> Result<PersonRef, AppError> {
    let row = handled(db, user, number).await?;
    check_key(&user.id)?;
    let helper = helpers(db)
        .await?
        .into_iter()
        .find(|h| h.id == helper_id)
        .ok_or_else(|| {
            AppError::field(
                "helper_id",
                "invalid",
                &said(
                    "Choisissez un membre de l'équipe support.",
                    "Choose a member of the support team.",
                ),
            )
        })?;
    assign_to(
        db,
        user,
        number,
        row.status,
        &helper.id,
        event("assigned", &helper.display_name),
        version,
    )
    .await?;
    let text = Both::new(
        format!("vous confie la demande n° {number} : « {} »", row.subject),
        format!("hands you request no. {number}: “{}”", row.subject),
    );
    tell_team(db, out, vec![helper.id.clone()], Some(user), text, number).await?;
    Ok(helper)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub body: String,
    /// An internal note: only the support team sees it.
    pub internal: bool,
    /// A new status with the message (e.g. `waiting` to ask for details).
    pub status: Option<String>,
}

/// Adds a message to the thread. The team may write internal notes and
/// change the status with it; the requester's answer to a question puts
/// the request back in progress. A helper's first public message stops the
/// first-response clock.
pub async fn reply(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    reply: Reply,
    out: &Outbound,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, "body", &reply.body, true, 10_000);
    if let Some(status) = &reply.status {
        check_code(&mut errors, "status", status, &RequestStatus::CODES[1..]);
    }
    validated(errors)?;
    let (row, team) = visible(db, user, number).await?;
    if !team && (reply.internal || reply.status.is_some()) {
        return Err(AppError::Forbidden);
    }
    if !team && row.status == RequestStatus::Closed {
        return Err(AppError::Conflict {
            message: said(
                "Cette demande est close : rouvrez-la pour répondre.",
                "This request is closed: reopen it to answer.",
            ),
        });
    }
    let body = reply.body.trim().to_string();
    let kind = if reply.internal {
        MessageKind::Note
    } else {
        MessageKind::Message
    };
    let mut messages = vec![serde_json::json!({"kind": kind, "body": body, "event": ""})];
    let mut status = row.status;
    let asked = reply.status.as_deref().and_then(RequestStatus::from_code);
    if let Some(new) = asked.filter(|s| *s != row.status) {
        messages.push(event("status", new.code()));
        status = new;
    } else if !team && row.status == RequestStatus::Waiting {
        status = if row.assignee_id.is_some() {
            RequestStatus::InProgress
        } else {
            RequestStatus::New
        };
    }
    let public_answer = team && !reply.internal && row.requester_id != user.id;
    let mut set = String::from(", status = $status");
    set.push_str(status_times(status));
    if public_answer {
        set.push_str(", first_response_at = first_response_at ?? time::now()");
    }
    let outbox = notify::answer_if(db, out, public_answer, &row, &body, status).await?;
    apply(
        db,
        number,
        &set,
        &user.id,
        messages,
        outbox,
        vec![("status", status.code().into())],
    )
    .await?;
    if public_answer {
        let text = Both::new(
            format!("a répondu à votre demande n° {number} : « {} »", row.subject),
            format!("answered your request no. {number}: “{}”", row.subject),
        );
        tell_requester(db, user, &row, text).await?;
    } else if !reply.internal && row.requester_id == user.id {
        // The requester answered: whoever handles it hears, else the category's referents.
        let handlers = handlers(db, &row).await?;
        let text = Both::new(
            format!("a répondu sur sa demande n° {number} : « {} »", row.subject),
            format!("answered on their request no. {number}: “{}”", row.subject),
        );
        tell_team(db, out, handlers, Some(user), text, number).await?;
    }
    Ok(())
}

/// The times a status sets: resolving stamps `resolved_at`, reopening clears it.
pub(super) fn status_times(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Resolved => ", resolved_at = resolved_at ?? time::now()",
        RequestStatus::Closed => "",
        _ => ", resolved_at = NONE",
    }
}

/// The team changes the status (resolved, closed, waiting…).
pub async fn set_status(
    db: &Db,
    user: &CurrentUser,
    number: u64,
    status: &str,
    out: &Outbound,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "status", status, &RequestStatus::CODES[1..]);
    validated(errors)?;
    let status = RequestStatus::from_code(status).ok_or(AppError::Internal)?;
    let row = handled(db, user, number).await?;
    if row.status == status {
        return Ok(());
    }
    let set = format!(", status = $status{}", status_times(status));
    let tells_requester = row.requester_id != user.id;
    let resolved = status == RequestStatus::Resolved;
    let outbox = notify::answer_if(db, out, resolved && tells_requester, &row, "", status).await?;
    apply(
        db,
        number,
        &set,
        &user.id,
        vec![event("status", status.code())],
        outbox,
        vec![("status", status.code().into())],
    )
    .await?;
    if tells_requester {
        let text = Both::new(
            format!(
                "a passé votre demande n° {number} au statut « {} » : « {} »",
                label_fr(status.code()).to_lowercase(),
                row.subject
            ),
            format!(
                "moved your request no. {number} to “{}”: “{}”",
                crate::platform::labels::label_en(status.code()).to_lowercase(),
                row.subject
            ),
        );
        tell_requester(db, user, &row, text).await?;
    }
    Ok(())
}

/// Tells the requester what a helper did; support's own mail, if they want
/// one, went with the change.
async fn tell_requester(db: &Db, helper: &CurrentUser, row: &RequestRow, text: Both) -> Result<(), AppError> {
    let requester = vec![row.requester_id.clone()];
    tell(
        db,
        None,
        NotificationKind::Support,
        requester,
        Some(helper),
        text,
        row.number,
    )
    .await
}

/// Who handles a request: its assignee, else its category's referents.
pub(super) async fn handlers(db: &Db, row: &RequestRow) -> Result<Vec<String>, AppError> {
    Ok(match &row.assignee_id {
        Some(assignee) => vec![assignee.clone()],
        None => super::settings::referent_ids(db, &row.category).await?,
    })
}

/// The requester reopens a resolved or closed request, within 14 days.
pub async fn reopen(db: &Db, user: &CurrentUser, number: u64) -> Result<(), AppError> {
    let (row, _) = visible(db, user, number).await?;
    if row.requester_id != user.id {
        return Err(AppError::NotFound);
    }
    if !can_reopen(&row, now_unix()) {
        return Err(AppError::Conflict {
            message: said(
                format!("Seule une demande résolue ou close depuis moins de {REOPEN_DAYS} jours peut être rouverte : faites une nouvelle demande."),
                format!("Only a request resolved or closed less than {REOPEN_DAYS} days ago can be reopened: make a new request."),
            ),
        });
    }
    let status = if row.assignee_id.is_some() {
        "in_progress"
    } else {
        "new"
    };
    apply(
        db,
        number,
        ", status = $status, resolved_at = NONE",
        &user.id,
        vec![event("reopened", "")],
        Vec::new(),
        vec![("status", status.into())],
    )
    .await
}
