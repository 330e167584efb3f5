//! People on a card: the board names and removes pilots from the card (the
//! card, the team and the members' pages agree), and board and pilots talk
//! in the card's conversation, which nobody else reads.

use crate::common;
use crate::notifications::{hears_after, list as notifications};

use app::directory::model::MemberPage;
use app::missions::model::{ApplicationStatus, CardMessage, MissionEventKind, MissionStatus};
use common::missions::{self, apply, card, complete_draft, name_pilot, seed_id, version};
use common::{field_names, start, user_id, Client};
use serde_json::json;

async fn member_page(client: &Client, id: &str) -> MemberPage {
    client.call("/api/directory/member", json!({ "id": id })).await
}

fn titles(page: &MemberPage) -> Vec<String> {
    page.missions.iter().map(|(_, title)| title.clone()).collect()
}

/// Writes `text` in the card's conversation.
async fn post_message(client: &Client, id: &str, text: &str) -> (u16, serde_json::Value) {
    let message = json!({"id": id, "text": text});
    client.post("/api/missions/post-message", message).await
}

/// The status of reading the card's conversation.
async fn conversation_status(client: &Client, id: &str) -> u16 {
    let card = json!({ "id": id });
    client.status("/api/missions/conversation", card).await
}

#[tokio::test]
async fn the_board_names_a_pilot_who_answers_the_applications_and_the_pages_agree() {
    let portal = start().await;
    let board = portal.signed_in("ca@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let id = seed_id(&portal, "coordination-si").await;
    let manon = user_id(&portal, "membre@example.org").await;
    let paul = user_id(&portal, "pilote@example.org").await;

    // A visitor is refused before anything is read; members, pilots and
    // referents may not name; bad input is a 400 and changes nothing.
    for path in [
        "/api/missions/name-pilot",
        "/api/missions/remove-pilot",
        "/api/missions/conversation",
        "/api/missions/post-message",
    ] {
        assert_eq!(portal.client().post(path, json!({})).await.0, 401, "{path}");
    }
    for email in ["membre@example.org", "pilote@example.org", "referent@example.org"] {
        let client = portal.signed_in(email).await;
        assert_eq!(name_pilot(&client, &id, &manon, "pilot").await.0, 403, "{email}");
    }
    let (status, body) = name_pilot(&board, &id, "nobody", "pilot").await;
    assert_eq!((status, field_names(&body)), (400, vec!["user_id"]));
    let (status, body) = name_pilot(&board, &id, &manon, "captain").await;
    assert_eq!((status, field_names(&body)), (400, vec!["role"]));
    assert!(card(&board, &id).await.pilots.is_empty());

    // The board names Manon, a plain member: she is told, holds the pilot role and the place.
    let (status, body) = name_pilot(&board, &id, &manon, "pilot").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(name_pilot(&board, &id, &manon, "copilot").await.0, 409);
    let member = portal.signed_in("membre@example.org").await;
    let me: serde_json::Value = member.call("/api/auth/me", json!({})).await;
    assert!(me["roles"].as_array().unwrap().contains(&json!("pilot")), "{me}");
    let told = notifications(&member).await;
    assert!(
        told.page.items.iter().any(|n| n.text == "Malcolm Bernard vous a nommé·e pilote de « Coordination SI ». Vous y voyez maintenant les candidatures."
            && n.link == format!("/missions/{id}")),
        "{told:?}"
    );
    let seen = card(&member, &id).await;
    assert!(seen.is_pilot);
    assert_eq!(seen.pilots.len(), 1);
    assert_eq!(seen.pilots[0].id.as_deref(), Some(manon.as_str()));
    assert_eq!(
        seen.roles.iter().find(|r| r.role.role == "pilot").unwrap().taken,
        1
    );
    assert!(seen
        .history
        .iter()
        .any(|e| e.kind == MissionEventKind::PilotNamed && e.text == "Manon Girard"));

    // Paul applies; Manon, the named pilot, sees it and accepts.
    let pilot_paul = portal.signed_in("pilote@example.org").await;
    let (status, body) = apply(&pilot_paul, &id, "contributor", "Je connais l'hébergement.").await;
    assert_eq!(status, 200, "{body}");
    let pending = card(&member, &id).await.applications;
    let application = pending
        .iter()
        .find(|a| a.user_id == paul && a.status == ApplicationStatus::Pending)
        .expect("the pilot sees the application");
    assert_eq!(missions::answer(&member, &application.id, true).await, 200);
    let team: Vec<(String, String)> = card(&board, &id)
        .await
        .team
        .into_iter()
        .map(|m| (m.name, m.role))
        .collect();
    assert_eq!(
        team,
        [
            ("Manon Girard".to_string(), "pilot".to_string()),
            ("Paul Lefèvre".to_string(), "contributor".to_string())
        ]
    );
    // Both members' pages name the card.
    assert_eq!(titles(&member_page(&board, &manon).await), ["Coordination SI"]);
    assert_eq!(titles(&member_page(&board, &paul).await), ["Coordination SI"]);

    // Names in the card's own words credit nobody: only accounts count
    // (two members may share a name).
    portal
        .run(&format!(
            "UPDATE type::record('mission', '{id}') SET pilots = 'Claire Martin', tsp_referent = 'Claire Martin'"
        ))
        .await;
    let claire = user_id(&portal, "referent@example.org").await;
    assert!(titles(&member_page(&board, &claire).await).is_empty());

    // An administrator takes Manon off: the place frees, her page forgets the card.
    let (status, body) = admin
        .post("/api/missions/remove-pilot", json!({"id": id, "user_id": manon}))
        .await;
    assert_eq!(status, 200, "{body}");
    let after = card(&member, &id).await;
    assert!(!after.is_pilot);
    assert_eq!(
        after.roles.iter().find(|r| r.role.role == "pilot").unwrap().taken,
        0
    );
    assert!(titles(&member_page(&board, &manon).await).is_empty());
    let (status, _) = admin
        .post("/api/missions/remove-pilot", json!({"id": id, "user_id": manon}))
        .await;
    assert_eq!(status, 409);
    assert!(notifications(&member).await.page.items.iter().any(|n| n
        .text
        .contains("vous a retiré·e des pilotes de « Coordination SI »")));
}

#[tokio::test]
async fn board_and_pilots_talk_on_the_card_and_nobody_else_reads_it() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let id = missions::create(&member, &complete_draft("Annuaire des compétences")).await;
    let v = version(&member, &id).await;
    assert_eq!(missions::submit(&member, &id, v).await.0, 200);
    let v = version(&board, &id).await;
    let (status, body) =
        missions::decide(&board, &id, v, "changes_requested", "Précisez le calendrier.").await;
    assert_eq!(status, 200, "{body}");

    // The pilot reads the request in the conversation and answers; the board hears it live.
    let talk: Vec<CardMessage> = member
        .call("/api/missions/conversation", json!({ "id": id }))
        .await;
    assert_eq!(talk.len(), 1);
    assert_eq!(talk[0].decision, Some(MissionEventKind::ChangesRequested));
    assert_eq!(talk[0].text, "Précisez le calendrier.");
    hears_after(&board, &format!("mission:{id}"), async {
        let (status, body) = post_message(&member, &id, "Calendrier précisé : fin janvier.").await;
        assert_eq!(status, 200, "{body}");
    })
    .await;
    let talk: Vec<CardMessage> = board
        .call("/api/missions/conversation", json!({ "id": id }))
        .await;
    assert_eq!(
        talk.iter()
            .map(|m| (m.by.as_str(), m.from_board))
            .collect::<Vec<_>>(),
        [("Malcolm Bernard", true), ("Manon Girard", false)]
    );
    assert!(notifications(&board).await.page.items.iter().any(|n| n.text
        == "Manon Girard vous écrit sur « Annuaire des compétences » : Calendrier précisé : fin janvier."));
    // The board answers; the pilot hears it live and is told.
    hears_after(&member, &format!("mission:{id}"), async {
        assert_eq!(post_message(&board, &id, "Merci, c'est clair.").await.0, 200);
    })
    .await;
    assert!(notifications(&member).await.page.items.iter().any(|n| n
        .text
        .starts_with("Malcolm Bernard vous écrit sur « Annuaire des compétences »")));

    // Another member reads nothing and writes nothing, even once the card is public.
    let outsider = portal.signed_in("pilote@example.org").await;
    assert_eq!(conversation_status(&outsider, &id).await, 404);
    let mut again = complete_draft("Annuaire des compétences");
    again["when"] = json!("Objectif fin janvier (approx 12h de travail)");
    let v = version(&member, &id).await;
    assert_eq!(missions::save(&member, Some(&id), v, &again).await.0, 200);
    let v = version(&member, &id).await;
    assert_eq!(missions::submit(&member, &id, v).await.0, 200);
    let v = version(&board, &id).await;
    assert_eq!(
        missions::decide(&board, &id, v, "approved", "Validée.").await.0,
        200
    );
    assert_eq!(card(&outsider, &id).await.status, MissionStatus::Approved);
    assert!(!card(&outsider, &id).await.in_conversation);
    assert_eq!(conversation_status(&outsider, &id).await, 403);
    assert_eq!(post_message(&outsider, &id, "Bonjour").await.0, 403);
    // An empty message is a 400 on the text field.
    let (status, body) = post_message(&member, &id, "  ").await;
    assert_eq!((status, field_names(&body)), (400, vec!["text"]));
}
