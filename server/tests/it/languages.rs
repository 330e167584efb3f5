//! What the server writes for people follows their language: the caller's
//! for an answer (errors, the notification list, downloads), the reader's
//! for what waits for them (a notification, its mail).

use crate::common;
use crate::notifications::{list as notifications, queued, with_mail};

use common::missions::{name_pilot, seed_id};
use common::user_id;
use serde_json::json;

#[tokio::test]
async fn each_member_reads_the_server_in_their_language() {
    let (portal, _dir) = with_mail().await;
    let id = seed_id(&portal, "coordination-si").await;
    let (paul, manon) = (
        user_id(&portal, "pilote@example.org").await,
        user_id(&portal, "membre@example.org").await,
    );
    let board_en = portal.signed_in_reading("ca@example.org", "en-GB,en;q=0.9").await;
    let board_fr = portal.signed_in_reading("ca@example.org", "fr-FR").await;
    // Paul reads the portal in English, Manon in French (no header: French).
    let paul_en = portal.signed_in_reading("pilote@example.org", "en").await;
    let manon_fr = portal.signed_in("membre@example.org").await;
    let _ = notifications(&paul_en).await;
    let _ = notifications(&manon_fr).await;

    // Errors: the HTTP layer's, a field's and a conflict's, in the caller's language.
    let (status, body) = board_en.post("/api/missions/name-pilot", json!([1])).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (400, Some("The body must be a JSON object."))
    );
    let (status, body) = name_pilot(&board_en, &id, "nobody", "pilot").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        "Choose a member from the directory."
    );
    let (status, body) = name_pilot(&board_fr, &id, "nobody", "pilot").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        "Choisissez un membre de l'annuaire."
    );

    assert_eq!(name_pilot(&board_fr, &id, &paul, "pilot").await.0, 200);
    assert_eq!(name_pilot(&board_fr, &id, &manon, "copilot").await.0, 200);
    let (status, body) = name_pilot(&board_en, &id, &paul, "pilot").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["message"], "Paul Lefèvre already pilots this mission.");

    // The notification: written by a French-speaking board, read by each
    // in their own language, in the centre and in the mail.
    let told_paul = notifications(&paul_en).await.page.items.remove(0).text;
    assert_eq!(
        told_paul,
        "Malcolm Bernard named you pilot of “Coordination SI”. You now see its applications there."
    );
    let told_manon = notifications(&manon_fr).await.page.items.remove(0).text;
    assert!(
        told_manon.contains("vous a nommé·e co-pilote de « Coordination SI »"),
        "{told_manon}"
    );
    let mails = queued(&portal).await;
    let mail_to = |who: &str| mails.iter().find(|(to, _, _)| to == who).cloned().unwrap();
    let (_, subject, body) = mail_to("pilote@example.org");
    assert_eq!(subject, "Shifters Portal: missions");
    assert!(
        body.starts_with("Hello,") && body.contains("named you pilot"),
        "{body}"
    );
    assert!(!body.contains("Bonjour"), "{body}");
    let (_, subject, body) = mail_to("membre@example.org");
    assert_eq!(subject, "Portail des Shifters : missions");
    assert!(
        body.starts_with("Bonjour,") && body.contains("co-pilote"),
        "{body}"
    );

    // Paul switches to French: the same notification reads in French, and
    // what is written to him next is French too.
    let paul_fr = portal.signed_in_reading("pilote@example.org", "fr").await;
    let again = notifications(&paul_fr).await.page.items.remove(0).text;
    assert!(again.contains("vous a nommé·e pilote"), "{again}");
    let (status, _) = board_fr
        .post("/api/missions/remove-pilot", json!({"id": id, "user_id": paul}))
        .await;
    assert_eq!(status, 200);
    let mails = queued(&portal).await;
    let (_, subject, _) = mails
        .iter()
        .rev()
        .find(|(to, _, _)| to == "pilote@example.org")
        .unwrap();
    assert_eq!(subject, "Portail des Shifters : missions");
}
