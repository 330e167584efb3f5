//! A member's own profile: reading, saving with per-field visibility,
//! leaving the directory, suggestions, the domains list, and GDPR (export of
//! everything held, deletion confirmed by an administrator).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::directory::services as directory;
use crate::platform::said::said;

use crate::accounts::model::CurrentUser;
use crate::directory::model::REGIONS;
use crate::directory::model::{DeletionRequest, Profile, Visibility, LANGUAGES, PROFILE_FIELDS};
use crate::directory::services::{load_person, parse_date, today};
use crate::platform::db::{retry_on_conflict, rows, Db, Fetch};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};

/// The name an erased member is shown under.
pub const ERASED_NAME: &str = "Membre supprimé";

pub async fn mine(db: &Db, user: &CurrentUser) -> Result<Profile, AppError> {
    crate::platform::db::check_key(&user.id)?;
    Ok(load_person(db, &user.id)
        .await?
        .ok_or(AppError::NotFound)?
        .profile())
}

fn invalid(errors: &mut Vec<FieldError>, field: &str, message: &str) {
    errors.push(FieldError {
        field: field.into(),
        code: "invalid".into(),
        message: message.into(),
    });
}

/// Trimmed, without empty or repeated entries.
fn clean_list(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(v)) {
            out.push(v.to_string());
        }
    }
    out
}

/// Checks every field of `p` against the rules; `domains` are the admins' list.
pub fn check_profile(p: &Profile, domains: &[String]) -> Result<(), AppError> {
    let mut errors = Vec::new();
    crate::accounts::services::accounts::check_display_name(&mut errors, &p.display_name);
    check_text(&mut errors, "pronouns", &p.pronouns, false, 40);
    if !p.region.is_empty() {
        check_code(&mut errors, "region", &p.region, &REGIONS);
    }
    check_text(&mut errors, "country", &p.country, false, 80);
    check_text(&mut errors, "local_group", &p.local_group, false, 80);
    if !p.member_since.is_empty() {
        match parse_date(&p.member_since) {
            Some(d) if d <= today() && p.member_since.as_str() >= "2000-01-01" => {}
            _ => invalid(
                &mut errors,
                "member_since",
                "Date attendue : AAAA-MM-JJ, pas dans le futur.",
            ),
        }
    }
    if p.domains.iter().any(|d| !domains.contains(d)) {
        invalid(
            &mut errors,
            "domains",
            &said(
                "Choisissez les domaines dans la liste.",
                "Choose the domains from the list.",
            ),
        );
    }
    let skills = clean_list(&p.skills);
    if skills.len() > 20 || skills.iter().any(|s| s.chars().count() > 40) {
        invalid(
            &mut errors,
            "skills",
            "20 compétences au plus, de 40 caractères au plus.",
        );
    }
    check_text(&mut errors, "profession", &p.profession, false, 120);
    if p.hours_per_month.is_some_and(|h| h > 200) {
        invalid(
            &mut errors,
            "availability",
            &said("200 heures par mois au plus.", "200 hours a month at most."),
        );
    }
    if p.languages.iter().any(|l| !LANGUAGES.contains(&l.as_str())) {
        invalid(
            &mut errors,
            "languages",
            &said(
                "Cette langue n'est pas dans la liste.",
                "This language is not in the list.",
            ),
        );
    }
    let email = p.contact_email.trim();
    if !email.is_empty() && (!email.contains('@') || email.len() > 254 || email.contains(char::is_whitespace))
    {
        invalid(
            &mut errors,
            "email",
            &said("Adresse e-mail invalide.", "Invalid e-mail address."),
        );
    }
    check_text(&mut errors, "chat", &p.chat, false, 80);
    let phone_ok = p
        .phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +().-".contains(c));
    if !phone_ok || p.phone.len() > 30 {
        invalid(
            &mut errors,
            "phone",
            "Chiffres, espaces et + ( ) . - seulement, 30 au plus.",
        );
    }
    let links = clean_list(&p.links);
    let links_ok = links.len() <= 5
        && links.iter().all(|l| {
            (l.starts_with("https://") || l.starts_with("http://"))
                && l.len() <= 300
                && !l.contains(char::is_whitespace)
        });
    if !links_ok {
        invalid(
            &mut errors,
            "links",
            &said(
                "5 liens au plus, commençant par https://.",
                "5 links at most, starting with https://.",
            ),
        );
    }
    check_text(&mut errors, "bio", &p.bio, false, 2000);
    if p.visibility.keys().any(|k| !PROFILE_FIELDS.contains(&k.as_str())) {
        invalid(
            &mut errors,
            "visibility",
            &said("Champ inconnu.", "Unknown field."),
        );
    }
    validated(errors)
}

fn opt(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Saves the member's own profile (the event on `user` bumps the directory
/// version in the same transaction).
pub async fn save(db: &Db, user: &CurrentUser, p: &Profile) -> Result<Profile, AppError> {
    crate::platform::db::check_key(&user.id)?;
    check_profile(p, &domains(db).await?)?;
    if p.display_name.trim() != user.display_name {
        crate::accounts::services::accounts::check_name_free(db, &p.display_name, Some(&user.id)).await?;
    }
    let fields_at = |level: Visibility| -> Vec<String> {
        p.visibility
            .iter()
            .filter(|(_, v)| **v == level)
            .map(|(k, _)| k.clone())
            .collect()
    };
    let skills = clean_list(&p.skills);
    let since = opt(&p.member_since).map(|d| format!("{d}T00:00:00Z"));
    let search_text =
        crate::directory::services::members::search_text(&p.display_name, &skills, &p.profession, &p.bio);
    // Two members saving at once may bump the same directory counter: the
    // database refuses one, which is written again rather than refused.
    retry_on_conflict(|| async {
        db.query(
            "UPDATE type::record('user', $id) SET
                display_name = $display_name, pronouns = $pronouns, region = $region, country = $country,
                local_group = $local_group,
                member_since = IF $since = NONE { NONE } ELSE { <datetime>$since },
                domains = $domains, skills = $skills, profession = $profession,
                hours_per_month = $hours, open_to_missions = $open, languages = $languages,
                contact_email = $contact_email, chat = $chat, phone = $phone, links = $links, bio = $bio,
                in_directory = $in_directory, board_only = $board_only, private_fields = $private_fields,
                search_text = $search_text
             RETURN NONE",
        )
        .bind(("id", user.id.clone()))
        .bind(("display_name", p.display_name.trim().to_string()))
        .bind(("pronouns", opt(&p.pronouns)))
        .bind(("region", opt(&p.region)))
        // A country only means something abroad.
        .bind(("country", opt(&p.country).filter(|_| p.region == "Étranger")))
        .bind(("local_group", opt(&p.local_group)))
        .bind(("since", since.clone()))
        .bind(("domains", clean_list(&p.domains)))
        .bind(("skills", skills.clone()))
        .bind(("profession", opt(&p.profession)))
        .bind(("hours", p.hours_per_month.map(i64::from)))
        .bind(("open", p.open_to_missions))
        .bind(("languages", clean_list(&p.languages)))
        .bind(("contact_email", opt(&p.contact_email)))
        .bind(("chat", opt(&p.chat)))
        .bind(("phone", opt(&p.phone)))
        .bind(("links", clean_list(&p.links)))
        .bind(("bio", opt(&p.bio)))
        .bind(("in_directory", p.in_directory))
        .bind(("board_only", fields_at(Visibility::Board)))
        .bind(("private_fields", fields_at(Visibility::Private)))
        .bind(("search_text", search_text.clone()))
        .await?
        .check()?;
        Ok(())
    })
    .await?;
    mine(db, user).await
}

/// Skills already used by members (as members see them) starting with `prefix`.
pub async fn skill_suggestions(db: &Db, prefix: &str) -> Result<Vec<String>, AppError> {
    if prefix.chars().count() > 40 {
        return Err(AppError::field(
            "prefix",
            "too_long",
            &said("40 caractères au plus.", "40 characters at most."),
        ));
    }
    let fold = |s: &str| deunicode::deunicode(&s.to_lowercase());
    let wanted = fold(prefix.trim());
    let snap = directory::snapshot(db).await?;
    let mut found: Vec<String> = snap
        .facet_values(crate::directory::model::Audience::Members, "skill")
        .into_iter()
        .filter(|s| fold(s).starts_with(&wanted))
        .cloned()
        .collect();
    found.sort();
    found.truncate(12);
    Ok(found)
}

// ----- Domains ----------------------------------------------------------------

pub async fn domains(db: &Db) -> Result<Vec<String>, AppError> {
    let mut resp = db
        .query("SELECT VALUE name FROM domain ORDER BY name")
        .await?
        .check()?;
    Ok(resp.take(0)?)
}

pub async fn add_domain(db: &Db, name: &str) -> Result<Vec<String>, AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, "name", name, true, 80);
    validated(errors)?;
    let name = name.trim().to_string();
    if domains(db).await?.contains(&name) {
        return Err(AppError::Conflict {
            message: said("Ce domaine existe déjà.", "This domain already exists."),
        });
    }
    db.query("CREATE domain SET name = $name")
        .bind(("name", name))
        .await?
        .check()?;
    domains(db).await
}

/// Removes a domain from the list (members who chose it keep it).
pub async fn remove_domain(db: &Db, name: &str) -> Result<Vec<String>, AppError> {
    db.query("DELETE domain WHERE name = $name")
        .bind(("name", name.to_string()))
        .await?
        .check()?;
    domains(db).await
}

// ----- GDPR -------------------------------------------------------------------

/// Everything the portal holds about the member, as one JSON document.
pub async fn export_data(db: &Db, user: &CurrentUser) -> Result<Value, AppError> {
    crate::platform::db::check_key(&user.id)?;
    let mut resp = db
        .query(
            "LET $u = type::record('user', $id);
             SELECT * OMIT id, password_hash, totp_secret, search_text, sort_name FROM ONLY $u;
             SELECT <string>created_at AS created_at, <string>last_seen AS last_seen FROM session WHERE user = $u;
             SELECT <string>at AS at, action, target, detail, ip FROM audit WHERE actor = $u ORDER BY at;
             SELECT number, subject, description, category, urgency, status, <string>created_at AS created_at
                 FROM support_request WHERE requester = $u;
             SELECT record::id(id) AS id, title, description, category, status, priority, urgency
                 FROM need WHERE raised_by = $u;
             SELECT need.title AS need, body, <string>at AS at FROM need_comment WHERE author = $u ORDER BY at;
             SELECT need.title AS need, <string>at AS at FROM need_support WHERE user = $u ORDER BY at;
             SELECT mission.title AS mission, role, message, status, <string>created_at AS created_at
                 FROM mission_application WHERE member = $u ORDER BY created_at;
             SELECT mission.title AS mission, kind, text, <string>at AS at FROM mission_event WHERE by = $u ORDER BY at;
             SELECT request.number AS request, kind, body, <string>at AS at
                 FROM support_message WHERE author = $u ORDER BY at;
             SELECT (IF actor != NONE THEN actor.display_name + ' ' + text ELSE text END) AS text, link,
                 <string>at AS at FROM notification WHERE user = $u ORDER BY at;",
        )
        .bind(("id", user.id.clone()))
        .await?
        .check()?;
    let account: Option<Value> = resp.take(1)?;
    let sessions: Vec<Value> = resp.take(2)?;
    let audit: Vec<Value> = resp.take(3)?;
    let support: Vec<Value> = resp.take(4)?;
    let needs: Vec<Value> = resp.take(5)?;
    let need_comments: Vec<Value> = resp.take(6)?;
    let need_supports: Vec<Value> = resp.take(7)?;
    let applications: Vec<Value> = resp.take(8)?;
    let mission_events: Vec<Value> = resp.take(9)?;
    let support_messages: Vec<Value> = resp.take(10)?;
    let notifications: Vec<Value> = resp.take(11)?;
    let photo = crate::directory::services::photos::stored(db, &user.id)
        .await?
        .map(|jpeg| {
            use base64::Engine;
            json!({
                "format": "image/jpeg",
                "bytes": jpeg.len(),
                "base64": base64::engine::general_purpose::STANDARD.encode(&jpeg),
            })
        });
    Ok(json!({
        "exported_at": today_string(),
        "account": account,
        "photo": photo,
        "sessions": sessions,
        "audit_log": audit,
        "support_requests": support,
        "support_messages": support_messages,
        "needs": needs,
        "need_comments": need_comments,
        "need_supports": need_supports,
        "mission_applications": applications,
        "mission_events": mission_events,
        "notifications": notifications,
    }))
}

fn today_string() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// The member asks for their data to be erased.
pub async fn request_deletion(db: &Db, user: &CurrentUser) -> Result<(), AppError> {
    crate::platform::db::check_key(&user.id)?;
    db.query("UPDATE type::record('user', $id) SET deletion_requested_at = time::now() RETURN NONE")
        .bind(("id", user.id.clone()))
        .await?
        .check()?;
    Ok(())
}

pub async fn deletion_requests(db: &Db) -> Result<Vec<DeletionRequest>, AppError> {
    db.query(
        "SELECT record::id(id) AS id, display_name, email, <string>deletion_requested_at AS requested_at
                 FROM user WITH INDEX user_deletion_requested
                 WHERE deletion_requested_at != NONE ORDER BY requested_at",
    )
    .rows()
    .await
}

#[derive(Deserialize)]
struct NameRow {
    display_name: String,
    email: String,
}

/// Erases a member who asked for it: the account is anonymised once (name,
/// address, profile, photo, sessions, second factor, links). What others
/// recorded is never searched for the name as a substring: records point at
/// the account (comments, history, events, the audit log's actor) and show
/// its current name, and the few texts that name people (a card's pilots and
/// referents) lose an entry only where the whole entry is that name.
pub async fn confirm_deletion(db: &Db, key: &str) -> Result<(), AppError> {
    crate::platform::db::check_key(key)?;
    let mut resp = db
        .query(
            "SELECT display_name, email FROM type::record('user', $id) WHERE deletion_requested_at != NONE",
        )
        .bind(("id", key.to_string()))
        .await?
        .check()?;
    let who = crate::platform::db::first::<NameRow>(&mut resp, 0)?.ok_or(AppError::NotFound)?;
    let cards = named_on_cards(db, &who.display_name).await?;
    let anonymous_email = format!("supprime-{key}@invalid");
    db.query(
        "BEGIN;
         LET $u = type::record('user', $id);
         UPDATE $u SET display_name = $anon_name, email = $anon_email, password_hash = '!', roles = ['member'],
             active = false, in_directory = false, pronouns = NONE, region = NONE, country = NONE,
             local_group = NONE, member_since = NONE, domains = [], skills = [], profession = NONE,
             hours_per_month = NONE, open_to_missions = false, languages = [], contact_email = NONE,
             chat = NONE, phone = NONE, links = [], bio = NONE, board_only = [], private_fields = [],
             totp_secret = NONE, totp_enabled = false, totp_last_step = NONE, search_text = '',
             deletion_requested_at = NONE, photo_version = NONE
             RETURN NONE;
         DELETE type::record('photo', $id);
         DELETE session WHERE user = $u;
         DELETE account_token WHERE email = $email;
         -- The log keeps what happened; the address goes where it is exactly this account's.
         UPDATE audit SET actor_email = $anon_email WHERE actor = $u OR actor_email = $email RETURN NONE;
         UPDATE audit SET target = $anon_email WHERE target = $email RETURN NONE;
         -- Copies of the name on the member's own records (by reference, never by text).
         UPDATE need_comment SET author_name = '' WHERE author = $u RETURN NONE;
         UPDATE need_history SET actor_name = '' WHERE actor = $u RETURN NONE;
         UPDATE mission_event SET by_name = '' WHERE by = $u RETURN NONE;
         FOR $card IN $cards {
             UPDATE type::record('mission', $card.id) SET pilots = $card.pilots,
                 board_referent = $card.board_referent, tsp_referent = $card.tsp_referent RETURN NONE;
         };
         COMMIT;",
    )
    .bind(("id", key.to_string()))
    .bind(("anon_name", ERASED_NAME))
    .bind(("anon_email", anonymous_email))
    .bind(("email", who.email))
    .bind(("cards", serde_json::to_value(cards).map_err(|_| AppError::Internal)?))
    .await?
    .check()?;
    Ok(())
}

#[derive(Debug, Deserialize, Serialize, PartialEq)]
struct CardPeople {
    id: String,
    pilots: String,
    board_referent: String,
    tsp_referent: String,
}

/// The cards whose people fields name `name` as a whole entry, with that
/// entry replaced by the erased name.
async fn named_on_cards(db: &Db, name: &str) -> Result<Vec<CardPeople>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, pilots, board_referent, tsp_referent FROM mission
                 WHERE string::contains(pilots, $name) OR string::contains(board_referent, $name)
                    OR string::contains(tsp_referent, $name)",
        )
        .bind(("name", name.to_string()))
        .await?
        .check()?;
    let cards: Vec<CardPeople> = rows(&mut resp, 0)?;
    Ok(cards
        .into_iter()
        .filter_map(|c| {
            let pilots = without_person(&c.pilots, name);
            let board = without_person(&c.board_referent, name);
            let tsp = without_person(&c.tsp_referent, name);
            (pilots.is_some() || board.is_some() || tsp.is_some()).then(|| CardPeople {
                pilots: pilots.unwrap_or(c.pilots),
                board_referent: board.unwrap_or(c.board_referent),
                tsp_referent: tsp.unwrap_or(c.tsp_referent),
                id: c.id,
            })
        })
        .collect())
}

/// `text` with each entry that is exactly `name` (entries are separated by
/// commas, semicolons, slashes or lines; a "Label : " before the name is
/// kept) replaced by the erased name; `None` when no entry is.
fn without_person(text: &str, name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for piece in text.split_inclusive([',', ';', '/', '\n']) {
        let (entry, separator) = match piece.char_indices().last() {
            Some((i, c)) if ",;/\n".contains(c) => piece.split_at(i),
            _ => (piece, ""),
        };
        let (label, person) = entry.rsplit_once(':').map_or(("", entry), |(l, p)| (l, p));
        if person.trim() == name {
            let lead = &person[..person.len() - person.trim_start().len()];
            let trail = &person[person.trim_end().len()..];
            if !label.is_empty() {
                out.push_str(label);
                out.push(':');
            }
            out.push_str(lead);
            out.push_str(ERASED_NAME);
            out.push_str(trail);
            changed = true;
        } else {
            out.push_str(entry);
        }
        out.push_str(separator);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_erased_name_goes_only_where_a_whole_entry_is_that_name() {
        let referent = "Référent : Jean-Noël Montagné, Claire";
        assert_eq!(without_person(referent, "e"), None);
        assert_eq!(without_person(referent, "Jean"), None);
        assert_eq!(
            without_person(referent, "Claire").as_deref(),
            Some("Référent : Jean-Noël Montagné, Membre supprimé")
        );
        assert_eq!(
            without_person(referent, "Jean-Noël Montagné").as_deref(),
            Some("Référent : Membre supprimé, Claire")
        );
        assert_eq!(without_person("Léa", "Léa").as_deref(), Some("Membre supprimé"));
        assert_eq!(without_person("Léa ; Paul", " ").as_deref(), None);
    }

    #[test]
    fn a_sensible_profile_passes_and_bad_values_are_named() {
        let domains = vec!["Énergie".to_string()];
        let mut p = Profile {
            display_name: "Léa".into(),
            region: "Bretagne".into(),
            member_since: "2020-05-01".into(),
            domains: domains.clone(),
            languages: vec!["fr".into()],
            links: vec!["https://exemple.org".into()],
            phone: "+33 6 12 34 56 78".into(),
            ..Profile::default()
        };
        assert!(check_profile(&p, &domains).is_ok());
        p.region = "Atlantide".into();
        p.member_since = "2999-01-01".into();
        p.links = vec!["javascript:alert(1)".into()];
        p.visibility.insert("password".into(), Visibility::Members);
        let Err(AppError::Validation { fields }) = check_profile(&p, &domains) else {
            panic!("invalid profile accepted")
        };
        let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(named, ["region", "member_since", "links", "visibility"]);
    }

    #[test]
    fn the_export_date_is_a_civil_date() {
        let s = today_string();
        assert_eq!(parse_date(&s), Some(today()));
    }
}
