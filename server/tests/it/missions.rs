//! Mission cards over real HTTP against a real SurrealDB: drafts, the board's
//! review, who may do what, applications and places.

use crate::common;

use app::accounts::model::Role;
use app::accounts::services::accounts;
use app::accounts::services::accounts::NewUser;
use app::missions::model::{ApplicationStatus, MissionEventKind, MissionStatus, TeamMember};
use common::missions::{self, card, complete_draft, make_pilot, seed_id, version};
use common::{start, user_id, Client, TestPortal, PASSWORD};
use serde_json::{json, Value};

/// A second board member, so that decisions never come from the card's own authors.
async fn second_board_member(portal: &TestPortal) -> Client {
    accounts::create_user(
        &portal.db,
        NewUser {
            email: "tresoriere@example.org".into(),
            display_name: "Inès Roux".into(),
            roles: vec![Role::Board],
            password: PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    portal.signed_in("tresoriere@example.org").await
}

#[tokio::test]
async fn a_member_proposes_the_board_asks_for_changes_then_approves_and_the_member_pilots() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let other = portal.signed_in("referent@example.org").await;

    // The first autosave creates the draft; an empty title is fine for a draft.
    let mut draft = complete_draft("");
    let (status, saved) = missions::save(&member, None, 0, &draft).await;
    assert_eq!(status, 200, "{saved}");
    let id = saved["id"].as_str().unwrap().to_string();
    assert_eq!(saved["version"], 1);

    // Nobody else sees a draft, nor edits it.
    assert_eq!(missions::card_status(&other, &id).await, 404);
    let (status, _) = missions::save(&other, Some(&id), 1, &draft).await;
    assert_eq!(status, 404);

    // Submitting says what is missing.
    let (status, body) = missions::submit(&member, &id, 1).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["fields"][0]["field"], "title");
    assert_eq!(body["fields"][0]["code"], "required");

    draft["title"] = json!("Inventaire des outils");
    let (status, saved) = missions::save(&member, Some(&id), 1, &draft).await;
    assert_eq!((status, saved["version"].clone()), (200, json!(2)));
    // A save from a stale page is a conflict, never a silent overwrite.
    let (status, body) = missions::save(&member, Some(&id), 1, &draft).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("entre-temps"),
        "{body}"
    );
    // Bad input names the field, and nothing changes.
    let mut bad = draft.clone();
    bad["kind"] = json!("secret");
    let (status, body) = missions::save(&member, Some(&id), 2, &bad).await;
    assert_eq!((status, body["fields"][0]["field"].clone()), (400, json!("kind")));
    assert_eq!(version(&member, &id).await, 2);

    let (status, body) = missions::submit(&member, &id, 2).await;
    assert_eq!(status, 200, "{body}");
    // Submitted: no more edits until the board asks for changes.
    let (status, _) = missions::save(&member, Some(&id), 3, &draft).await;
    assert_eq!(status, 403);

    // Only the board sees the queue.
    let (status, _) = member.post("/api/missions/review-queue", json!({})).await;
    assert_eq!(status, 403);
    let queue = missions::review_queue(&board).await;
    let item = queue.page.items.iter().find(|i| i.id == id).unwrap();
    assert!(item.first_review);
    assert_eq!(item.waiting_days, 0);
    assert!(!item.own_card);

    // A decision needs a written reason.
    let (status, body) = missions::decide(&board, &id, 3, "changes_requested", " ").await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("reason"))
    );
    let (status, body) = board
        .post(
            "/api/missions/comment",
            json!({"id": id, "text": "Quelle est l'échéance réelle ?"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = missions::decide(&board, &id, 3, "changes_requested", "Précisez l'échéance.").await;
    assert_eq!(status, 200, "{body}");

    // The member hears about it, edits and resubmits.
    let (_, mine) = member.post("/api/missions/mine", json!({})).await;
    let notes: Vec<&str> = mine["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("Précisez l'échéance")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("commentaire")), "{notes:?}");
    let v = version(&member, &id).await;
    draft["when"] = json!("Objectif 15 janvier (approx 10h de travail)");
    let (status, saved) = missions::save(&member, Some(&id), v, &draft).await;
    assert_eq!(status, 200, "{saved}");
    let (status, _) = missions::submit(&member, &id, saved["version"].as_i64().unwrap()).await;
    assert_eq!(status, 200);

    // The board sees exactly what changed since its last review.
    let queue = missions::review_queue(&board).await;
    let item = queue.page.items.iter().find(|i| i.id == id).unwrap();
    assert!(!item.first_review);
    assert_eq!(
        serde_json::to_value(&item.changes).unwrap(),
        json!([{
            "field": "when",
            "before": "Objectif fin janvier (approx 10h de travail)",
            "after": "Objectif 15 janvier (approx 10h de travail)"
        }])
    );
    let (status, body) = missions::decide(&board, &id, item.version, "approved", "Clair et utile.").await;
    assert_eq!(status, 200, "{body}");

    // The proposer is now its pilot, on the team, and everyone sees the card.
    let seen = card(&member, &id).await;
    assert_eq!(seen.status, MissionStatus::Approved);
    assert!(seen.is_pilot);
    assert_eq!(seen.pilots.len(), 1);
    assert_eq!(seen.pilots[0].name, "Manon Girard");
    assert_eq!(
        seen.team,
        [TeamMember {
            user_id: user_id(&portal, "membre@example.org").await,
            name: "Manon Girard".into(),
            role: "pilot".into()
        }]
    );
    let kinds: Vec<&str> = seen.history.iter().map(|e| e.kind.code()).collect();
    assert_eq!(
        kinds,
        [
            "created",
            "submitted",
            "comment",
            "changes_requested",
            "submitted",
            "approved"
        ]
    );
    assert_eq!(missions::card_status(&other, &id).await, 200);

    // Decisions are in the audit log.
    let admin = portal.signed_in("admin@example.org").await;
    let log = common::audit(&admin, "mission_decision").await;
    assert_eq!(log.total, 2, "{log:?}");
    assert_eq!(log.items[0].target, "Inventaire des outils");
    assert_eq!(log.items[0].actor_email, "ca@example.org");
}

#[tokio::test]
async fn a_pilot_cannot_approve_their_own_card() {
    let portal = start().await;
    // A board member who is also a pilot proposes a card.
    let board = portal.signed_in("ca@example.org").await;
    let (_, saved) = missions::save(&board, None, 0, &complete_draft("Ma mission")).await;
    let id = saved["id"].as_str().unwrap().to_string();
    let (status, _) = missions::submit(&board, &id, 1).await;
    assert_eq!(status, 200);
    assert!(missions::review_queue(&board).await.page.items[0].own_card);
    let (status, body) = missions::decide(&board, &id, 2, "approved", "Parfait.").await;
    assert_eq!((status, body), (403, json!({"error": "forbidden"})));
    assert_eq!(card(&board, &id).await.status, MissionStatus::Submitted);
    // Another board member may.
    let other_board = second_board_member(&portal).await;
    let (status, _) = missions::decide(&other_board, &id, 2, "rejected", "Doublon de Coordination SI.").await;
    assert_eq!(status, 200);
    // A decided card is no longer waiting: a second decision is a conflict.
    let (status, _) = missions::decide(&other_board, &id, 3, "approved", "Finalement oui.").await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn only_a_cards_pilots_steer_it_and_only_the_board_archives() {
    let portal = start().await;
    let chat = make_pilot(&portal, "chat4ever", "pilote@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let v = version(&pilot, &chat).await;
    let draft = complete_draft("Chat4ever");

    // A member cannot edit, comment, post news or start another's card.
    for (path, body) in [
        (
            "/api/missions/save",
            json!({"id": chat, "version": v, "draft": draft}),
        ),
        ("/api/missions/submit", json!({"id": chat, "version": v})),
        ("/api/missions/comment", json!({"id": chat, "text": "Bonjour"})),
        ("/api/missions/progress", json!({"id": chat, "text": "Bonjour"})),
        (
            "/api/missions/set-status",
            json!({"id": chat, "version": v, "status": "active", "deliverables_done": ""}),
        ),
        (
            "/api/missions/decide",
            json!({"id": chat, "version": v, "decision": "approved", "reason": "x"}),
        ),
        (
            "/api/missions/set-referent",
            json!({"id": chat, "user_id": user_id(&portal, "membre@example.org").await}),
        ),
    ] {
        let (status, answer) = member.post(path, body).await;
        assert_eq!(status, 403, "{path}: {answer}");
    }
    // An approved card is no longer edited (even by its pilot).
    let (status, _) = missions::save(&pilot, Some(&chat), v, &draft).await;
    assert_eq!(status, 403);

    // The pilot starts it, posts news, then completes it with its deliverables.
    let (status, body) = missions::set_status(&pilot, &chat, v, "active", "").await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = pilot
        .post(
            "/api/missions/progress",
            json!({"id": chat, "text": "Premier atelier tenu : 12 besoins recensés."}),
        )
        .await;
    assert_eq!(status, 200);
    let v = version(&pilot, &chat).await;
    let (status, body) = missions::set_status(&pilot, &chat, v, "completed", "").await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("deliverables_done"))
    );
    let (status, _) = missions::set_status(&pilot, &chat, v, "approved", "").await;
    assert_eq!(status, 409);
    let (status, _) = missions::set_status(
        &pilot,
        &chat,
        v,
        "completed",
        "Le CdC hiérarchisé, validé par le CA.",
    )
    .await;
    assert_eq!(status, 200);
    let seen = card(&member, &chat).await;
    assert_eq!(seen.status, MissionStatus::Completed);
    assert_eq!(seen.deliverables_done, "Le CdC hiérarchisé, validé par le CA.");
    assert!(seen
        .history
        .iter()
        .any(|e| e.kind == MissionEventKind::Progress
            && e.text == "Premier atelier tenu : 12 besoins recensés."));

    // Archiving belongs to the board.
    let v = seen.version;
    let (status, _) = missions::set_status(&pilot, &chat, v, "archived", "").await;
    assert_eq!(status, 403);
    let (status, _) = missions::set_status(&board, &chat, v, "archived", "").await;
    assert_eq!(status, 200);

    // The board names a referent among its members only.
    let coordination = seed_id(&portal, "coordination-si").await;
    let (status, _) = board
        .post(
            "/api/missions/set-referent",
            json!({"id": coordination, "user_id": user_id(&portal, "membre@example.org").await}),
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = board
        .post(
            "/api/missions/set-referent",
            json!({"id": coordination, "user_id": user_id(&portal, "ca@example.org").await}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        card(&member, &coordination).await.board_referent.name,
        "Malcolm Bernard"
    );
}

/// Requests served in parallel, on worker threads with the stack the portal gives them.
#[test]
fn two_simultaneous_accepts_never_fill_more_places_than_the_card_has() {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .thread_stack_size(8 << 20)
        .enable_all()
        .build()
        .unwrap()
        .block_on(accepts_in_parallel());
}

async fn accepts_in_parallel() {
    let portal = start().await;
    // Chat4ever asks for 3 contributors; six members apply.
    let chat = make_pilot(&portal, "chat4ever", "pilote@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let mut emails: Vec<String> = [
        "membre@example.org",
        "referent@example.org",
        "ca@example.org",
        "admin@example.org",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in 0..2 {
        let email = format!("benevole{n}@example.org");
        accounts::create_user(
            &portal.db,
            NewUser {
                email: email.clone(),
                display_name: format!("Bénévole {n}"),
                roles: vec![],
                password: PASSWORD.into(),
            },
        )
        .await
        .unwrap();
        emails.push(email);
    }
    for email in &emails {
        let client = portal.signed_in(email).await;
        let (status, body) =
            missions::apply(&client, &chat, "contributor", "Je connais bien Mattermost.").await;
        assert_eq!(status, 200, "{email}: {body}");
    }
    // Applying twice, or to a role the card does not offer, is refused.
    let member = portal.signed_in("membre@example.org").await;
    let (status, _) = missions::apply(&member, &chat, "contributor", "").await;
    assert_eq!(status, 409);
    let (status, _) = missions::apply(&member, &chat, "copilot", "").await;
    assert_eq!(status, 400);

    // The pilot the board named holds the pilot place; six applications wait.
    let applications: Vec<String> = card(&pilot, &chat)
        .await
        .applications
        .into_iter()
        .filter(|a| a.status == ApplicationStatus::Pending)
        .map(|a| a.id)
        .collect();
    assert_eq!(applications.len(), 6);
    // Members see only their own application; they cannot answer any.
    assert_eq!(card(&member, &chat).await.applications.len(), 1);
    assert_eq!(missions::answer(&member, &applications[0], true).await, 403);

    // The pilot accepts all six at the same time: exactly three get in.
    let bodies = applications
        .iter()
        .map(|a| json!({"application_id": a, "accept": true}))
        .collect();
    // The list, read now (and kept in memory), shows places left until the answers.
    let before = missions::list(&member).await;
    assert!(before.iter().find(|m| m.id == chat).unwrap().places_left > 0);
    let answers = all_at_once(&pilot, "/api/missions/answer", bodies).await;
    let accepted = answers.iter().filter(|(s, _)| *s == 200).count();
    let full: Vec<&(u16, Value)> = answers.iter().filter(|(s, _)| *s == 409).collect();
    assert_eq!((accepted, full.len()), (3, 3), "{answers:?}");
    assert!(full[0].1["message"]
        .as_str()
        .unwrap()
        .contains("Plus aucune place"));

    let seen = card(&member, &chat).await;
    assert_eq!(seen.team.len(), 4, "the pilot and three contributors");
    let contributor = seen.roles.iter().find(|r| r.role.role == "contributor").unwrap();
    assert_eq!((contributor.role.places, contributor.taken), (3, 3));
    // The list shows no place left; a new applicant is told so.
    let list = missions::list(&member).await;
    let listed = list.iter().find(|m| m.id == chat).unwrap();
    assert_eq!(listed.places_left, 0, "the named pilot holds the pilot place");

    // A declined applicant hears it; an accepted one has it on their profile.
    let pending: Vec<String> = card(&pilot, &chat)
        .await
        .applications
        .into_iter()
        .filter(|a| a.status == ApplicationStatus::Pending)
        .map(|a| a.id)
        .collect();
    assert_eq!(missions::answer(&pilot, &pending[0], false).await, 200);
    assert_eq!(missions::answer(&pilot, &pending[0], true).await, 409);
    let joined = seen.team.iter().find(|m| m.role == "contributor").unwrap();
    let (status, memberships) = member
        .post("/api/missions/member", json!({"user_id": joined.user_id}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        memberships,
        json!([{"mission_id": chat, "title": "Chat4ever", "role": "contributor", "status": "approved"}])
    );
}

/// Sends the requests at the same time (one task each) and answers them in order.
async fn all_at_once(client: &Client, path: &'static str, bodies: Vec<Value>) -> Vec<(u16, Value)> {
    let tasks: Vec<_> = bodies
        .into_iter()
        .map(|body| {
            let client = Client {
                http: client.http.clone(),
                base: client.base.clone(),
            };
            tokio::spawn(async move { client.post(path, body).await })
        })
        .collect();
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

#[tokio::test]
async fn open_missions_filter_and_rank_for_the_member() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    portal
        .db
        .query("UPDATE user SET skills = ['Rédaction', 'Communication'], domains = ['Numérique'] WHERE email = 'membre@example.org'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let titles = |list: &Value| -> Vec<String> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };
    let list = |filter: Value| {
        let member = &member;
        async move {
            let (status, list) = member.post("/api/missions/list", json!({"filter": filter})).await;
            assert_eq!(status, 200, "{list}");
            list
        }
    };
    let ranked = list(json!({"kind": null, "skill": null, "commitment": null, "region": null, "open_only": false, "for_you": true})).await;
    assert_eq!(titles(&ranked)[0], "Chat4ever", "{ranked}");
    let ranked = &ranked["items"];
    assert!(ranked[0]["score"].as_u64().unwrap() > ranked[2]["score"].as_u64().unwrap());

    let strong = list(json!({"kind": null, "skill": null, "commitment": "strong", "region": null, "open_only": false, "for_you": false})).await;
    assert_eq!(titles(&strong), ["Coordination SI"]);
    let hosting = list(json!({"kind": null, "skill": "hébergement", "commitment": null, "region": null, "open_only": true, "for_you": false})).await;
    assert_eq!(
        titles(&hosting),
        ["Coordination SI", "Support et conseil informatique & web"]
    );
    let steering = list(json!({"kind": "pilotage_shifters", "skill": null, "commitment": null, "region": "Bretagne", "open_only": false, "for_you": false})).await;
    assert_eq!(titles(&steering), ["Support et conseil informatique & web"]);
}

/// The seed document's words, with its line breaks read as spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_seed_cards_say_exactly_what_the_document_says() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let expected = [
        (
            "coordination-si",
            "Coordination SI",
            "mission_shifter",
            "Malcolm Bernard",
            "",
            "1°) Recenser tous les besoins SI existants au sein des Shifters (gt, missions, CA), et proposer une architecture SI et des solutions logicielles permettant d'y répondre 2°) Piloter le gt qui mettra en place l'architecture choisie 3°) Pour tout nouveau besoin ultérieur exprimé au sein d'un gt ou mission, vérifier que l'orientation choisie est cohérente avec l'architecture SI en place ou proposer une alternative",
            "1°) Objectif mi-novembre (approx 10h de travail) 2°) Jusqu'à début 2020 (approx 3-4h/sem) 3°) Mission continue tout au long de l'année (approx 5-6h/mois)",
            "Tous les besoins sont identifiés et référencés, et une solution présentée au CA pour validation avec coût/délai/complexité Une fois validée, la solution est déployée et opérationnelle début 2020",
            "1 pilote expérimenté en projet SI + 1 co-pilote : investissement nécessaire sur au moins 6 mois Par la suite, 5 à 10 contributeurs confirmés en SI pour le déploiement",
        ),
        (
            "chat4ever",
            "Chat4ever",
            "mission_shifter",
            "Malcolm Bernard",
            "",
            "Nous atteignons les limites de l'offre Slack gratuite (10 000 messages max), et la version payante n'est pas viable financièrement pour les Shifters. Nous devons donc nous préparer à migrer vers une autre solution. A cette occasion, et avant de définir quelle serait cette solution, il s'agit donc de recenser tous les besoins de ce que serait l'outil de communication interne idéal des Shifters. Une méthode suggérée est de le définir en écart par rapport à Slack. Notamment, il est identifié un besoin de mieux exploiter les fiches individuelles afin de permettre aux Shifters de mieux se connaître entre eux (par ex avec des critères de région, d'ancienneté Shifters, de domaine d'activité, etc...)",
            "Objectif 1er jet mi-novembre",
            "Un CdC hiérarchisé",
            "1 pilote familial avec ce type d'outil +2 à 3 contributeurs max. Investissement nécessaire sur 6 mois minimum pour ne pas laisser le projet en cours",
        ),
        (
            "support-conseil",
            "Support et conseil informatique & web",
            "pilotage_shifters",
            "Malcolm Bernard",
            "Référent : Jean-Noël Geist Epaulé par des référentes thématiques : • Tout sujet lié à la com' (réseaux sociaux, site web, vidéo, etc.) : Ilana Toledano • Outils informatiques : Claire Martin • Data-portal : Zeynep Kahraman",
            "Constituer une équipe de Shifters qui puissent aider le Shift à améliorer le fonctionnement de ses outils informatiques et de sa communication web, ainsi qu'aider en cas d'urgence.",
            "Continu, avec les sous-missions ponctuelles",
            "De l'aide d'urgence 'pompiers' en cas de problème informatique (ex : souci actuel de TSP dont certains mails tombent dans les spams, en passe d'être réglé) De l'aide concrète sur l'évolution des outils informatiques (à commencer par : créer un bot Twitter pour le Shift et Jean-Marc Jancovici ; des améliorations sur le site web ; du montage vidéo ; assembler et réformer notre fichier presse) Des recommandations et du conseil sur l'évolution des outils informatiques (à commencer par : les alternatives libres et/ou françaises ou européennes à Google Form et Dropbox ; la sécurité informatique du Shift ; les services d'hébergement ; une technique infallible pour intégrer des contacts à Outlook à partir d'un tableau excel)",
            "Une équipe d'entre 6 et 8 Shifters seraint souhaitable. Tout Shifter ayant des connaissances en informatique (serveurs mail, hébergement, CMS, etc.) ou en communication web (référencement, etc.).",
        ),
    ];
    for (key, title, kind, board, tsp, what, when, deliverables, how_many) in expected {
        let c = card(&member, &seed_id(&portal, key).await).await;
        assert_eq!(c.title, title);
        assert_eq!(c.kind.code(), kind);
        // The seed's "Malcolm" is the board's demo account, linked to his page.
        assert_eq!(c.board_referent.name, board, "{key}");
        assert!(c.board_referent.id.is_some(), "{key}");
        assert_eq!(c.series, "Nouvelles missions SI", "{key}");
        assert!(c.pilots.is_empty(), "{key}: the document names no pilot");
        assert_eq!(flat(&c.tsp_referent), tsp, "{key}");
        assert_eq!(flat(&c.what), what, "{key}");
        assert_eq!(flat(&c.when), when, "{key}");
        assert_eq!(flat(&c.deliverables), deliverables, "{key}");
        assert_eq!(flat(&c.how_many), how_many, "{key}");
        // Places offered, and the needs each card names.
        assert!(!c.roles.is_empty(), "{key}");
        assert!(!c.needs.is_empty(), "{key}");
    }
    let chat = card(&member, &seed_id(&portal, "chat4ever").await).await;
    let needs: Vec<&str> = chat.needs.iter().map(|n| n.title.as_str()).collect();
    assert!(
        needs.contains(&"Outil de communication interne sans limite d'historique"),
        "{needs:?}"
    );
}

/// A card `pilote@` writes and the board approves, with the roles given.
async fn approved_card(portal: &TestPortal, title: &str, roles: Value) -> String {
    let pilot = portal.signed_in("pilote@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let mut draft = complete_draft(title);
    draft["roles"] = roles;
    let (status, saved) = missions::save(&pilot, None, 0, &draft).await;
    assert_eq!(status, 200, "{saved}");
    let id = saved["id"].as_str().unwrap().to_string();
    let (status, body) = missions::submit(&pilot, &id, 1).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = missions::decide(&board, &id, 2, "approved", "Bien cadrée.").await;
    assert_eq!(status, 200, "{body}");
    id
}

#[tokio::test]
async fn members_with_the_same_skills_but_different_availability_get_different_orders() {
    let portal = start().await;
    let role = |skills: &[&str], commitment: &str| json!({"role": "contributor", "places": 3, "skills": skills, "commitment": commitment, "duration": "6 mois"});
    let pilot_role =
        json!({"role": "pilot", "places": 1, "skills": [], "commitment": "strong", "duration": ""});
    approved_card(
        &portal,
        "Refonte des données",
        json!([pilot_role, role(&["Data", "SQL"], "strong")]),
    )
    .await;
    approved_card(
        &portal,
        "Tableau de bord",
        json!([pilot_role, role(&["Data"], "light")]),
    )
    .await;
    // Same skills, no domain or region in common with the cards above; the
    // only difference is the hours each gives a month.
    for (email, hours, open) in [
        ("membre@example.org", 40, true),
        ("referent@example.org", 4, false),
    ] {
        portal
            .db
            .query(
                "UPDATE user SET skills = ['Data', 'SQL'], domains = [], region = NONE,
                     hours_per_month = $h, open_to_missions = $open WHERE email = $e",
            )
            .bind(("h", hours))
            .bind(("open", open))
            .bind(("e", email))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    let ranked = |email: &'static str| {
        let portal = &portal;
        async move {
            let client = portal.signed_in(email).await;
            let (status, list) = client
                .post(
                    "/api/missions/list",
                    json!({"filter": {"kind": null, "skill": null, "commitment": null, "region": null, "open_only": false, "for_you": true}}),
                )
                .await;
            assert_eq!(status, 200, "{list}");
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| {
                    ["Refonte des données", "Tableau de bord"].contains(&m["title"].as_str().unwrap())
                })
                .cloned()
                .collect::<Vec<Value>>()
        }
    };
    let titles = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Forty hours a month: the heavier card shares more skills and fits.
    let plenty = ranked("membre@example.org").await;
    assert_eq!(
        titles(&plenty),
        ["Refonte des données", "Tableau de bord"],
        "{plenty:?}"
    );
    assert_eq!(plenty[0]["fit"]["skills"], json!(["Data", "SQL"]));
    assert_eq!(plenty[0]["fit"]["availability"], "fits");
    // Four hours a month: only the light card fits, and it comes first. Not
    // being open to missions changes nothing to the list itself.
    let little = ranked("referent@example.org").await;
    assert_eq!(
        titles(&little),
        ["Tableau de bord", "Refonte des données"],
        "{little:?}"
    );
    assert_eq!(little[0]["fit"]["availability"], "fits");
    assert_eq!(little[1]["fit"]["availability"], "too_much");
    // Without "for you", no reason is given.
    let member = portal.signed_in("membre@example.org").await;
    let (_, plain) = member.post("/api/missions/list", json!({})).await;
    assert!(
        plain["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["fit"].is_null()),
        "{plain}"
    );
}

async fn set_referent(client: &Client, id: &str, who: Value) -> (u16, Value) {
    client
        .post("/api/missions/set-referent", json!({"id": id, "user_id": who}))
        .await
}

#[tokio::test]
async fn the_board_and_administrators_replace_and_remove_a_referent_and_nobody_else() {
    let portal = start().await;
    let coordination = seed_id(&portal, "coordination-si").await;
    let board = portal.signed_in("ca@example.org").await;
    let second = second_board_member(&portal).await;
    let admin = portal.signed_in("admin@example.org").await;
    let malcolm = user_id(&portal, "ca@example.org").await;
    let ines = user_id(&portal, "tresoriere@example.org").await;
    let id = coordination.as_str();

    // Pilots and members may neither name, replace nor remove.
    make_pilot(&portal, "coordination-si", "pilote@example.org").await;
    for email in ["pilote@example.org", "membre@example.org", "referent@example.org"] {
        let client = portal.signed_in(email).await;
        for who in [json!(malcolm), Value::Null] {
            let (status, body) = set_referent(&client, id, who).await;
            assert_eq!(status, 403, "{email}: {body}");
        }
    }

    // The board names, another board member replaces, an admin removes.
    assert_eq!(set_referent(&board, id, json!(malcolm)).await.0, 200);
    assert_eq!(card(&board, id).await.board_referent.name, "Malcolm Bernard");
    assert_eq!(set_referent(&second, id, json!(ines)).await.0, 200);
    assert_eq!(card(&board, id).await.board_referent.name, "Inès Roux");
    let (status, body) = set_referent(&admin, id, Value::Null).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(card(&board, id).await.board_referent.name, "");
    // An admin names too, and a board member removes.
    assert_eq!(set_referent(&admin, id, json!(ines)).await.0, 200);
    assert_eq!(set_referent(&board, id, Value::Null).await.0, 200);
    assert_eq!(card(&board, id).await.board_referent.name, "");
    // Removing when nobody is named is harmless; a non-board member is refused.
    assert_eq!(set_referent(&board, id, Value::Null).await.0, 200);
    let (status, body) = set_referent(&board, id, json!(user_id(&portal, "membre@example.org").await)).await;
    assert_eq!(
        (status, body["fields"][0]["field"].clone()),
        (400, json!("user_id"))
    );

    // The card's history and the audit log keep each change.
    let history = card(&board, &coordination).await.history;
    let kinds: Vec<&str> = history
        .iter()
        .map(|e| e.kind.code())
        .filter(|k| k.starts_with("referent_"))
        .collect();
    assert_eq!(
        kinds,
        [
            "referent_named",
            "referent_named",
            "referent_removed",
            "referent_named",
            "referent_removed",
            "referent_removed"
        ]
    );
    let log = common::audit(&admin, "mission_referent").await;
    assert_eq!(log.total, 6, "{log:?}");
    let details: Vec<&str> = log.items.iter().map(|e| e.detail.as_str()).collect();
    assert!(details.contains(&"retiré (Inès Roux)"), "{details:?}");
}

#[tokio::test]
async fn a_members_page_lists_the_missions_they_joined() {
    let portal = start().await;
    let support = make_pilot(&portal, "support-conseil", "pilote@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let member = portal.signed_in("membre@example.org").await;
    let manon = user_id(&portal, "membre@example.org").await;
    let missions_on_page = || async {
        let (status, page) = member.post("/api/directory/member", json!({"id": manon})).await;
        assert_eq!(status, 200, "{page}");
        page["missions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m[0].as_str().unwrap().to_string())
            .collect::<Vec<String>>()
    };
    assert!(!missions_on_page().await.contains(&support));

    // A draft naming her in its words stays off her page: nobody else sees it.
    let (_, saved) = missions::save(&member, None, 0, &complete_draft("Brouillon")).await;
    let draft = saved["id"].as_str().unwrap().to_string();
    portal
        .db
        .query("UPDATE type::record('mission', $m) SET pilots = 'Manon Girard'")
        .bind(("m", draft.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();

    let (status, body) = missions::apply(&member, &support, "contributor", "Je connais Nextcloud.").await;
    assert_eq!(status, 200, "{body}");
    assert!(
        !missions_on_page().await.contains(&support),
        "pending is not joined"
    );
    let application = card(&pilot, &support)
        .await
        .applications
        .into_iter()
        .find(|a| a.status == ApplicationStatus::Pending)
        .unwrap()
        .id;
    assert_eq!(missions::answer(&pilot, &application, true).await, 200);
    let listed = missions_on_page().await;
    assert!(listed.contains(&support), "{listed:?}");
    assert!(!listed.contains(&draft), "{listed:?}");
    // The same as the missions endpoint says.
    let (_, joined) = pilot
        .post("/api/missions/member", json!({"user_id": manon}))
        .await;
    assert_eq!(joined[0]["mission_id"], json!(support));
}

#[tokio::test]
async fn the_mission_list_comes_twenty_a_page_and_for_you_ranks_before_paging() {
    let portal = start().await;
    // 25 published cards besides the 3 of the seed; every third asks for Data.
    let cards: String = (1..=25)
        .map(|i| {
            let skill = if i % 3 == 0 { "Data" } else { "Couture" };
            format!(
                "CREATE mission SET title = 'Mission {i:02}', kind = 'mission_shifter', status = 'approved',
                     roles = [{{ role: 'contributor', places: 2, skills: ['{skill}'], commitment: 'light', duration: '' }}];"
            )
        })
        .collect();
    portal
        .db
        .query(format!(
            "{cards} UPDATE user SET skills = ['Data'] WHERE email = 'membre@example.org';"
        ))
        .await
        .unwrap()
        .check()
        .unwrap();
    let member = portal.signed_in("membre@example.org").await;
    let first = missions::list_page(&member, 1).await;
    let second = missions::list_page(&member, 2).await;
    assert_eq!((first.total, first.page, first.per_page), (28, 1, 20));
    assert_eq!((first.items.len(), first.page_count()), (20, 2));
    assert_eq!((second.total, second.page, second.items.len()), (28, 2, 8));
    // Each card once, on one page or the other.
    let mut ids: Vec<&str> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|m| m.id.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 28);
    // Past the end, the last page; before the first, the first.
    assert_eq!(missions::list_page(&member, 9).await, second);
    assert_eq!(missions::list_page(&member, 0).await, first);
    // Without a page, the first.
    let (status, plain) = member.post("/api/missions/list", json!({})).await;
    assert_eq!(
        (status, plain["page"].clone(), plain["total"].clone()),
        (200, json!(1), json!(28))
    );

    // "For you" ranks the whole list, then pages it: the eight cards asking
    // for Data all come on the first page, and the scores never go up.
    let for_you = |page: u64| {
        let member = &member;
        async move {
            let (status, body) = member
                .post(
                    "/api/missions/list",
                    json!({"filter": {"kind": null, "skill": null, "commitment": null, "region": null,
                        "open_only": false, "for_you": true}, "page": page}),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            body["items"].as_array().unwrap().clone()
        }
    };
    let ranked: Vec<Value> = [for_you(1).await, for_you(2).await].concat();
    let scores: Vec<u64> = ranked.iter().map(|m| m["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let asks_data = |m: &&Value| {
        m["title"].as_str().unwrap().starts_with("Mission ")
            && m["skills"].as_array().unwrap().contains(&json!("Data"))
    };
    assert_eq!(ranked.iter().filter(asks_data).count(), 8, "{ranked:?}");
    assert_eq!(ranked[..20].iter().filter(asks_data).count(), 8, "{ranked:?}");
}

#[tokio::test]
async fn the_review_queue_comes_ten_a_page_the_longest_waiting_first() {
    let portal = start().await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let board = portal.signed_in("ca@example.org").await;
    let mut submitted = Vec::new();
    for i in 1..=12 {
        let id = missions::create(&pilot, &complete_draft(&format!("Fiche {i:02}"))).await;
        let (status, body) = missions::submit(&pilot, &id, 1).await;
        assert_eq!(status, 200, "{body}");
        submitted.push(id);
    }
    let first = missions::review_page(&board, 1).await;
    let second = missions::review_page(&board, 2).await;
    assert_eq!(
        (first.page.total, first.page.page, first.page.per_page),
        (12, 1, 10)
    );
    assert_eq!((second.page.page, second.page.items.len()), (2, 2));
    let order: Vec<&str> = first
        .page
        .items
        .iter()
        .chain(&second.page.items)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(order, submitted);
    // Every item of the page asked for carries its history; the board is listed on each page.
    assert!(second
        .page
        .items
        .iter()
        .all(|i| i.history.iter().any(|e| e.kind == MissionEventKind::Submitted)));
    assert_eq!(second.board, first.board);
    // Past the end, the last page.
    assert_eq!(missions::review_page(&board, 7).await, second);
}
