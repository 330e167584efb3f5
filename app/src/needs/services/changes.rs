//! Changes to needs: recording and editing, the status moves (with the
//! rule table in `needs::model`), supports, comments, merges.

use serde::Deserialize;

use super::register::category_codes;
use crate::accounts::model::{CurrentUser, Role};
use crate::needs::model::{
    allowed_targets, NeedAction, NeedInput, NeedOrigin, NeedPriority, NeedStatus, NEED_TRANSITIONS,
};
use crate::platform::codes::Urgency;
use crate::platform::db::{check_all, check_key, retry_on_conflict, Db, Fetch};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::platform::outbox::Outbound;
use crate::platform::said::said;

pub(super) async fn validate(db: &Db, input: &NeedInput) -> Result<(), AppError> {
    let codes = category_codes(db).await?;
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    check_text(&mut errors, "title", &input.title, true, 200);
    check_text(&mut errors, "description", &input.description, false, 10_000);
    check_code(&mut errors, "origin", &input.origin, NeedOrigin::CODES);
    check_text(&mut errors, "origin_name", &input.origin_name, false, 120);
    check_code(&mut errors, "category", &input.category, &codes);
    check_code(&mut errors, "urgency", &input.urgency, Urgency::CODES);
    check_code(&mut errors, "priority", &input.priority, NeedPriority::CODES);
    check_text(&mut errors, "current_tool", &input.current_tool, false, 200);
    check_text(&mut errors, "gap", &input.gap, false, 1000);
    if input.people_affected > 1_000_000 {
        errors.push(FieldError {
            field: "people_affected".into(),
            code: "invalid".into(),
            message: said("Un million au plus.", "One million at most."),
        });
    }
    validated(errors)
}

/// The bound values of a need's fields, trimmed.
pub(super) fn input_json(input: &NeedInput) -> serde_json::Value {
    serde_json::json!({
        "title": input.title.trim(), "description": input.description.trim(),
        "origin": input.origin, "origin_name": input.origin_name.trim(),
        "category": input.category, "people_affected": input.people_affected,
        "urgency": input.urgency, "current_tool": input.current_tool.trim(),
        "gap": input.gap.trim(), "priority": input.priority,
    })
}

/// Records a new need raised by `user`; answers its id.
pub async fn create(db: &Db, user: &CurrentUser, input: &NeedInput) -> Result<String, AppError> {
    validate(db, input).await?;
    // Two needs counted by the same register counter may collide: tried again.
    let mut resp = retry_on_conflict(|| async {
        // Inside the transaction every statement fails; check_all finds why.
        check_all(
            db.query(
                "BEGIN;
                 LET $n = (CREATE ONLY need CONTENT object::extend($fields, {
                     raised_by: type::record('user', $user), status: 'new'
                 }));
                 CREATE need_history CONTENT {
                     need: $n.id, actor: type::record('user', $user),
                     action: 'created', to_status: 'new'
                 };
                 RETURN record::id($n.id);
                 COMMIT;",
            )
            .bind(("fields", input_json(input)))
            .bind(("user", user.id.clone()))
            .await?,
        )
    })
    .await?;
    let returned = resp.num_statements() - 2;
    let id: Option<String> = resp.take(returned)?;
    id.ok_or(AppError::Internal)
}

#[derive(Debug, Deserialize)]
pub(super) struct StateRow {
    pub(super) status: NeedStatus,
    pub(super) raised_by: Option<String>,
    pub(super) merged: bool,
    pub(super) title: String,
}

/// The status, raiser and merge state of a need, or 404.
pub(super) async fn state(db: &Db, id: &str) -> Result<StateRow, AppError> {
    check_key(id)?;
    let mut resp = db
        .query(
            "SELECT status, title, merged_into != NONE AS merged,
                 (IF raised_by = NONE { NONE } ELSE { record::id(raised_by) }) AS raised_by
                 FROM ONLY type::record('need', $id)",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    only(&mut resp, 0)?.ok_or(AppError::NotFound)
}

/// The row of a `SELECT … FROM ONLY` statement (none when the record is missing).
pub(super) fn only<T: serde::de::DeserializeOwned>(
    resp: &mut surrealdb::IndexedResults,
    index: usize,
) -> Result<Option<T>, AppError> {
    let row: Option<serde_json::Value> = resp.take(index)?;
    row.map(|v| {
        serde_json::from_value(v).map_err(|err| {
            tracing::error!(error = %err, "unexpected row shape");
            AppError::Internal
        })
    })
    .transpose()
}

pub(super) fn merged_conflict() -> AppError {
    AppError::Conflict {
        message: said(
            "Ce besoin a été fusionné dans un autre.",
            "This need was merged into another one.",
        ),
    }
}

/// Who may edit a need's fields: the IT coordination always, the member who
/// raised it while it is new or sent back for rework.
pub(super) fn may_edit(user: &CurrentUser, state: &StateRow) -> bool {
    user.has(Role::Admin)
        || (state.raised_by.as_deref() == Some(user.id.as_str()) && state.status.open_to_its_author())
}

/// Changes a need's fields (see `may_edit`), kept in its history, as they
/// were edited from `version` (what the form showed): an edit made on an
/// older version is a 409, never a silent overwrite of someone else's.
pub async fn update(
    db: &Db,
    user: &CurrentUser,
    id: &str,
    input: &NeedInput,
    version: i64,
) -> Result<(), AppError> {
    let current = state(db, id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    if !may_edit(user, &current) {
        return Err(AppError::Forbidden);
    }
    validate(db, input).await?;
    // The register's counter may collide with a concurrent write: tried again.
    let mut resp = retry_on_conflict(|| async {
        check_all(
            db.query(
                "BEGIN;
                 LET $saved = (UPDATE type::record('need', $id)
                     MERGE object::extend($fields, { updated_at: time::now(), version: $version + 1 })
                     WHERE version = $version RETURN VALUE id);
                 IF $saved != [] {
                     CREATE need_history CONTENT {
                         need: type::record('need', $id), actor: type::record('user', $user), action: 'edited'
                     };
                 };
                 RETURN $saved != [];
                 COMMIT;",
            )
            .bind(("id", id.to_string()))
            .bind(("fields", input_json(input)))
            .bind(("version", version))
            .bind(("user", user.id.clone()))
            .await?,
        )
    })
    .await?;
    let result = resp.num_statements() - 2;
    if resp.take::<Option<bool>>(result)? == Some(true) {
        Ok(())
    } else {
        Err(AppError::Conflict {
            message: said("Quelqu'un a modifié ce besoin pendant que vous l'éditiez : rechargez la page pour voir ses changements, puis refaites les vôtres.", "Someone changed this need while you were editing it: reload the page to see their changes, then make yours again."),
        })
    }
}

/// Moves a need to `to` if the transition table lets the caller's roles do
/// it; board decisions need a written reason. Answers the previous status.
pub async fn transition(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    to: &str,
    note: &str,
) -> Result<NeedStatus, AppError> {
    let current = state(db, id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    let mut errors = Vec::new();
    check_code(&mut errors, "to", to, NeedStatus::CODES);
    let to_status = NeedStatus::from_code(to);
    check_text(
        &mut errors,
        "note",
        note,
        to_status.is_some_and(NeedStatus::needs_reason),
        2000,
    );
    validated(errors)?;
    let to = to_status.ok_or(AppError::Internal)?;
    // A status the caller's roles never move a need to is refused; one
    // they may reach, but not from the current status, is a conflict.
    let role_may = NEED_TRANSITIONS
        .iter()
        .any(|(_, target, who)| *target == to && who.iter().any(|r| user.roles.contains(r)));
    if !role_may {
        return Err(AppError::Forbidden);
    }
    if !allowed_targets(current.status, &user.roles).contains(&to) {
        return Err(AppError::Conflict {
            message: said(
                "Ce changement de statut n'est pas possible depuis le statut actuel.",
                "This status change is not possible from the current status.",
            ),
        });
    }
    let moved = move_status(
        db,
        user,
        &[id.to_string()],
        &[current.status],
        to,
        NeedAction::Status,
        note,
    )
    .await?;
    if moved == 0 {
        return Err(AppError::Conflict {
            message: said(
                "Le besoin a changé entre-temps ; rechargez la page.",
                "The need changed in the meantime; reload the page.",
            ),
        });
    }
    super::notify::tell_followers(db, out, user, &[id.to_string()], to, note).await?;
    Ok(current.status)
}

/// Moves the needs among `ids` that are in one of the statuses `from` to
/// `to`, each move kept in the need's history; answers how many moved.
pub async fn move_status(
    db: &Db,
    user: &CurrentUser,
    ids: &[String],
    from: &[NeedStatus],
    to: NeedStatus,
    action: NeedAction,
    note: &str,
) -> Result<u64, AppError> {
    let mut resp = retry_on_conflict(|| async {
        check_all(
            db.query(
            "BEGIN;
             LET $moved = (SELECT id, status FROM need
                 WHERE id IN $ids.map(|$k| type::record('need', $k)) AND status IN $from AND merged_into = NONE);
             FOR $n IN $moved {
                 UPDATE $n.id SET status = $to, updated_at = time::now();
                 CREATE need_history CONTENT {
                     need: $n.id, actor: type::record('user', $user),
                     action: $action, from_status: $n.status, to_status: $to, note: $note
                 };
             };
             RETURN array::len($moved);
             COMMIT;",
        )
        .bind(("ids", ids.to_vec()))
        .bind(("from", from.iter().map(|s| s.code()).collect::<Vec<_>>()))
        .bind(("to", to.code()))
        .bind(("user", user.id.clone()))
        .bind(("action", action.code()))
        .bind(("note", note.trim().to_string()))
        .await?,
        )
    })
    .await?;
    let returned = resp.num_statements() - 2;
    let moved: Option<i64> = resp.take(returned)?;
    Ok(moved.unwrap_or(0) as u64)
}

/// Adds or withdraws the caller's support (one per member, whatever the
/// number of clicks); answers the need's support count.
pub async fn set_support(db: &Db, user_id: &str, need_id: &str, support: bool) -> Result<u64, AppError> {
    let current = state(db, need_id).await?;
    if current.merged {
        return Err(merged_conflict());
    }
    check_key(user_id)?;
    let sql = if support {
        // The key is the (need, member) pair: a second click finds the first.
        "UPSERT type::record('need_support', [$need, $user]) SET
             need = type::record('need', $need), user = type::record('user', $user)"
    } else {
        "DELETE type::record('need_support', [$need, $user])"
    };
    // Concurrent clicks on one key, or supports of needs counted by the same
    // register counter, may collide in the store: the write is idempotent.
    retry_on_conflict(|| async {
        db.query(sql)
            .bind(("need", need_id.to_string()))
            .bind(("user", user_id.to_string()))
            .await?
            .check()?;
        Ok(())
    })
    .await?;
    support_count(db, need_id).await
}

pub(super) async fn support_count(db: &Db, need_id: &str) -> Result<u64, AppError> {
    db.query("SELECT count() AS n FROM need_support WHERE need = type::record('need', $need) GROUP ALL")
        .bind(("need", need_id.to_string()))
        .count()
        .await
}

/// Adds a comment to a need.
pub async fn comment(db: &Db, user: &CurrentUser, need_id: &str, body: &str) -> Result<(), AppError> {
    state(db, need_id).await?;
    let mut errors = Vec::new();
    check_text(&mut errors, "body", body, true, 5000);
    validated(errors)?;
    db.query(
        "CREATE need_comment CONTENT {
             need: type::record('need', $need), author: type::record('user', $user),
             body: $body
         }",
    )
    .bind(("need", need_id.to_string()))
    .bind(("user", user.id.clone()))
    .bind(("body", body.trim().to_string()))
    .await?
    .check()?;
    Ok(())
}

/// Merges need `from` into `into`: `from` keeps its id (links to it stay
/// valid) and points to `into`; its supports (without doubles) and comments
/// move over. Answers the title of `from`, for the audit log.
pub async fn merge(db: &Db, user: &CurrentUser, from: &str, into: &str) -> Result<String, AppError> {
    if from == into {
        return Err(AppError::field(
            "into",
            "invalid",
            &said("Choisissez un autre besoin.", "Choose another need."),
        ));
    }
    let source = state(db, from).await?;
    let target = state(db, into).await.map_err(|_| {
        AppError::field(
            "into",
            "invalid",
            &said("Ce besoin n'existe pas.", "This need does not exist."),
        )
    })?;
    if source.merged || target.merged {
        return Err(merged_conflict());
    }
    retry_on_conflict(|| async {
        check_all(
            db.query(
                "BEGIN;
                 LET $a = type::record('need', $from);
                 LET $b = type::record('need', $into);
                 FOR $s IN (SELECT user FROM need_support WHERE need = $a) {
                     UPSERT type::record('need_support', [$into, record::id($s.user)]) SET need = $b, user = $s.user;
                 };
                 DELETE need_support WHERE need = $a;
                 UPDATE need_comment SET need = $b WHERE need = $a;
                 UPDATE $a SET merged_into = $b, updated_at = time::now();
                 CREATE need_history CONTENT {
                     need: $a, actor: type::record('user', $user), action: 'merged_into', note: $into_title
                 };
                 CREATE need_history CONTENT {
                     need: $b, actor: type::record('user', $user), action: 'merged_from', note: $from_title
                 };
                 COMMIT;",
            )
            .bind(("from", from.to_string()))
            .bind(("into", into.to_string()))
            .bind(("user", user.id.clone()))
            .bind(("into_title", target.title.clone()))
            .bind(("from_title", source.title.clone()))
            .await?,
        )
    })
    .await?;
    Ok(source.title)
}
