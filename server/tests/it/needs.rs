//! The needs register and the architecture, over real HTTP against a real
//! (in-memory) SurrealDB: the whole life of a need.

use crate::common;

use app::needs::model::{ConsistencyFlag, FlagProblem, NeedStatus, SolutionStatus};
use common::needs::{
    comment, component_id, create, decide, export, get, list, merge, move_to, save_category, save_component,
    save_solution, solutions, status_of, submit_solution, support,
};
use common::{at_once, start, Client, TestPortal};
use serde_json::{json, Value};

fn need(title: &str, category: &str, priority: &str, current_tool: &str) -> Value {
    json!({
        "title": title, "description": "Décrit par le groupe.", "origin": "working_group",
        "origin_name": "GT Outils", "category": category, "people_affected": 120,
        "urgency": "high", "current_tool": current_tool, "gap": "Historique limité", "priority": priority,
    })
}

#[tokio::test]
async fn a_need_lives_from_its_creation_to_its_deployment() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;

    // Bad input names its fields and records nothing.
    let mut bad = need("  ", "nowhere", "must", "");
    bad["urgency"] = json!("panic");
    let (status, body) = member.post("/api/needs/create", json!({ "need": bad })).await;
    assert_eq!(status, 400, "{body}");
    let fields = common::field_names(&body);
    assert_eq!(fields, ["title", "category", "urgency"]);
    assert_eq!(list(&member, json!({})).await.len(), 13);

    // While typing, the similar seed need shows up.
    let (status, similar) = member
        .post("/api/needs/similar", json!({"text": "remplacer dropbox"}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(similar[0]["title"], "Alternative libre ou européenne à Dropbox");

    let id = create(
        &member,
        need(
            "Visioconférence sans limite de durée",
            "internal_communication",
            "must",
            "Zoom",
        ),
    )
    .await;
    let detail = get(&member, &id).await;
    assert_eq!(detail.need.status, NeedStatus::New);
    assert_eq!(detail.raised_by, "Manon Girard");
    assert!(detail.can_edit);
    assert!(detail.transitions.is_empty());
    let admin = portal.signed_in("admin@example.org").await;
    assert_eq!(get(&admin, &id).await.transitions, [NeedStatus::InAnalysis]);

    // Filters and search.
    let comms = list(&member, json!({"category": "internal_communication"})).await;
    assert_eq!(comms.len(), 3);
    let found = list(&member, json!({"text": "visioconférences"})).await;
    assert_eq!(found.len(), 1, "French stemming finds the plural");
    assert_eq!(
        list(&member, json!({"priority": "could", "origin": "mission"}))
            .await
            .len(),
        3
    );
    let (status, body) = member
        .post("/api/needs/list", json!({"query": {"status": "lost"}}))
        .await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("status"))
    );

    // Support: once per member, withdrawn at will; sorting by support.
    let pilot = portal.signed_in("pilote@example.org").await;
    for client in [&member, &member, &pilot] {
        assert_eq!(support(client, &id, true).await.0, 200);
    }
    let (_, n) = support(&pilot, &id, false).await;
    assert_eq!(n, 1);
    assert!(get(&member, &id).await.supported_by_me);
    assert_eq!(list(&member, json!({"sort": "support"})).await[0].id, id);

    // Comments.
    assert_eq!(comment(&pilot, &id, "Jitsi ?").await, 200);
    assert_eq!(comment(&pilot, &id, " ").await, 400);
    assert_eq!(get(&member, &id).await.comments[0].author_name, "Paul Lefèvre");

    // Status moves by the right roles only.
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(move_to(&member, &id, "in_analysis", "").await.0, 403);
    assert_eq!(move_to(&board, &id, "in_analysis", "").await.0, 403);
    assert_eq!(move_to(&admin, &id, "deployed", "").await.0, 409);
    assert_eq!(move_to(&admin, &id, "in_analysis", "").await.0, 200);
    assert_eq!(move_to(&admin, &id, "in_analysis", "").await.0, 409);
    assert!(
        !get(&member, &id).await.can_edit,
        "the author edits only while new"
    );

    // A solution, submitted to the board, decided with a reason.
    let solution = json!({
        "id": null, "title": "Jitsi sur l'hébergeur associatif", "need_ids": [id],
        "component_ids": [component_id(&admin, "Mattermost").await], "tools": "Jitsi",
        "cost_once": 500, "cost_yearly": 300, "delay_weeks": 6, "complexity": 2,
        "rationale": "Libre, européen, sans limite.",
    });
    assert_eq!(save_solution(&pilot, &solution).await.0, 403);
    let mut bad = solution.clone();
    bad["complexity"] = json!(9);
    let (status, body) = save_solution(&admin, &bad).await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("complexity"))
    );
    let (status, sid) = save_solution(&admin, &solution).await;
    assert_eq!(status, 200, "{sid}");
    assert_eq!(status_of(&member, &id).await, NeedStatus::SolutionProposed);
    let sid = sid.as_str().unwrap();
    let flags = &solutions(&member).await[0].flags;
    assert_eq!(flags.len(), 2, "{flags:?}");
    assert_eq!(flags[0].tool, "Mattermost");
    assert_eq!(flags[0].problem, FlagProblem::Trial);
    assert_eq!(flags[0].suggestions, ["Slack"]);
    assert_eq!(flags[1].problem, FlagProblem::UnknownTool);

    assert_eq!(
        decide(&board, sid, "accepted", "Oui").await.0,
        409,
        "not submitted yet"
    );
    assert_eq!(submit_solution(&board, sid).await, 403);
    assert_eq!(submit_solution(&admin, sid).await, 200);
    assert_eq!(status_of(&member, &id).await, NeedStatus::Submitted);
    assert_eq!(decide(&admin, sid, "accepted", "Oui").await.0, 403);
    let (status, body) = decide(&board, sid, "accepted", "  ").await;
    assert_eq!(
        (status, body["fields"][0]["field"].as_str()),
        (400, Some("reason"))
    );
    let (status, body) = decide(&board, sid, "accepted", "Budget voté en CA du 12 mars").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(decide(&board, sid, "rejected", "Non").await.0, 409);
    assert_eq!(status_of(&member, &id).await, NeedStatus::Accepted);
    let decided = solutions(&member).await.remove(0);
    assert_eq!(decided.status, SolutionStatus::Accepted);
    assert_eq!(decided.decided_by, "Malcolm Bernard");
    assert_eq!(decided.decision_reason, "Budget voté en CA du 12 mars");
    let audit = common::audit(&admin, "solution_decided").await;
    let entry = &audit.items[0];
    assert_eq!(entry.actor_email, "ca@example.org");
    assert!(entry.detail.contains("Budget voté"), "{entry:?}");

    // Deployment by the IT coordination.
    assert_eq!(move_to(&board, &id, "deploying", "").await.0, 403);
    assert_eq!(move_to(&admin, &id, "deploying", "").await.0, 200);
    assert_eq!(move_to(&admin, &id, "deployed", "").await.0, 200);

    // Every change is in the history, in order.
    let history = get(&member, &id).await.history;
    let moves: Vec<(&str, &str)> = history
        .iter()
        .map(|h| (h.action.code(), h.to_status.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            ("created", "new"),
            ("status", "in_analysis"),
            ("status", "solution_proposed"),
            ("status", "submitted"),
            ("decision", "accepted"),
            ("status", "deploying"),
            ("status", "deployed"),
        ]
    );
    assert_eq!(history[4].actor_name, "Malcolm Bernard");
}

#[tokio::test]
async fn concurrent_clicks_count_one_support_per_member() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let id = list(&member, json!({})).await.remove(0).id;
    let clicks = (0..12).map(|_| click(&member, &id, true));
    for (status, _) in at_once(clicks).await {
        assert_eq!(status, 200);
    }
    let mut others = Vec::new();
    for email in [
        "pilote@example.org",
        "referent@example.org",
        "ca@example.org",
        "admin@example.org",
    ] {
        others.push(portal.signed_in(email).await);
    }
    let clicks = others.iter().flat_map(|c| [c, c]).map(|c| click(c, &id, true));
    at_once(clicks).await;
    assert_eq!(supports_recorded(&portal, &id).await, 5);
    let withdraw = (0..6).map(|_| click(&member, &id, false));
    at_once(withdraw).await;
    assert_eq!(supports_recorded(&portal, &id).await, 4);
    let found = list(&member, json!({}))
        .await
        .into_iter()
        .find(|n| n.id == id)
        .unwrap();
    assert_eq!(found.support_count, 4);

    // Supports of every need at once (needs share the register's sixteen
    // counters, so some writes collide and are tried again): all counted,
    // and the register, read from memory, shows each count.
    let needs = list(&member, json!({})).await;
    let clicks = needs
        .iter()
        .flat_map(|n| others.iter().map(|c| click(c, &n.id, true)));
    for (status, answer) in at_once(clicks).await {
        assert_eq!(status, 200, "{answer}");
    }
    for need in list(&member, json!({})).await {
        assert_eq!(need.support_count, supports_recorded(&portal, &need.id).await);
        assert!(need.support_count >= 4, "{}", need.title);
    }
}

/// How many supports of the need the database holds.
async fn supports_recorded(portal: &TestPortal, id: &str) -> u64 {
    let mut r = portal
        .db
        .query("SELECT count() AS n FROM need_support WHERE need = type::record('need', $id) GROUP ALL")
        .bind(("id", id.to_string()))
        .await
        .unwrap();
    let row: Option<Value> = r.take(0).unwrap();
    row.unwrap()["n"].as_u64().unwrap()
}

/// One click on the support button, as a call that owns what it needs.
fn click(
    client: &Client,
    id: &str,
    support: bool,
) -> impl std::future::Future<Output = (u16, Value)> + Send + 'static {
    let (client, id) = (client.clone(), id.to_string());
    async move { common::needs::support(&client, &id, support).await }
}

#[tokio::test]
async fn merging_keeps_the_merged_need_and_moves_its_supports_and_comments() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let pilot = portal.signed_in("pilote@example.org").await;
    let shared_files = |title: &str, priority: &str| need(title, "collaboration", priority, "Dropbox");
    let keep = create(&member, shared_files("Partage de fichiers européen", "should")).await;
    let twin = create(&pilot, shared_files("Stockage de fichiers hors Dropbox", "could")).await;
    for (client, id) in [(&member, &keep), (&member, &twin), (&pilot, &twin)] {
        support(client, id, true).await;
    }
    comment(&pilot, &twin, "Même besoin au GT Com").await;

    assert_eq!(merge(&member, &twin, &keep).await.0, 403);
    let admin = portal.signed_in("admin@example.org").await;
    let (status, body) = merge(&admin, &twin, &twin).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (400, Some("into")));
    assert_eq!(merge(&admin, &twin, &keep).await.0, 200);

    let kept = get(&member, &keep).await;
    assert_eq!(
        kept.need.support_count, 2,
        "the member's double support counts once"
    );
    assert_eq!(kept.comments[0].body, "Même besoin au GT Com");
    assert_eq!(kept.merged_from[0].id, twin);
    let merged = get(&member, &twin).await;
    assert_eq!(
        merged.merged_into.as_ref().unwrap().id,
        keep,
        "the merged need keeps its id"
    );
    assert_eq!(merged.need.support_count, 0);
    assert!(merged.transitions.is_empty());
    assert!(!list(&member, json!({})).await.iter().any(|n| n.id == twin));
    // Merged, it takes no more support and no second merge.
    assert_eq!(support(&member, &twin, true).await.0, 409);
    assert_eq!(merge(&admin, &twin, &keep).await.0, 409);
    let actions: Vec<&str> = merged.history.iter().map(|h| h.action.code()).collect();
    assert_eq!(actions, ["created", "merged_into"]);
}

#[tokio::test]
async fn tools_outside_the_adopted_architecture_are_flagged() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let forms = list(&member, json!({"category": "forms"})).await;
    let detail = get(&member, &forms[0].id).await;
    assert_eq!(
        detail.flags,
        [ConsistencyFlag {
            tool: "Google Forms".into(),
            problem: FlagProblem::Refused,
            suggestions: vec!["Framaforms".into()]
        }]
    );

    // The catalogue: admins only, names unique, fields checked.
    let component = json!({
        "id": null, "name": "Element", "purpose": "internal_communication", "description": "Messagerie Matrix",
        "status": "adopted", "hosting": "Matrix.org (Royaume-Uni)", "free_software": true, "european": true,
        "yearly_cost": 0, "alternatives": "",
    });
    assert_eq!(save_component(&member, &component).await.0, 403);
    assert_eq!(save_component(&admin, &component).await.0, 200);
    let (status, body) = save_component(&admin, &component).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (400, Some("name")));
    let mut slack = component.clone();
    slack["id"] = json!(component_id(&admin, "Slack").await);
    slack["name"] = json!("Slack");
    slack["status"] = json!("retired");
    assert_eq!(save_component(&admin, &slack).await.0, 200);

    let slack_need = list(&member, json!({"text": "historique"})).await;
    let detail = get(&member, &slack_need[0].id).await;
    assert_eq!(detail.flags[0].problem, FlagProblem::Retired);
    assert_eq!(detail.flags[0].suggestions, ["Element"]);

    // Coverage: an accepted solution on adopted components covers its needs.
    let (_, dash) = member.post("/api/needs/dashboard", json!({})).await;
    assert_eq!(dash["covered"], 0);
    assert_eq!(dash["total"], 13);
    let solution = json!({
        "id": null, "title": "Framaforms pour tous les formulaires", "need_ids": [forms[0].id],
        "component_ids": [component_id(&admin, "Framaforms").await], "tools": "",
        "cost_once": 0, "cost_yearly": 0, "delay_weeks": 2, "complexity": 1, "rationale": "Déjà adopté.",
    });
    let (_, sid) = save_solution(&admin, &solution).await;
    let sid = sid.as_str().unwrap();
    assert_eq!(submit_solution(&admin, sid).await, 200);
    let board = portal.signed_in("ca@example.org").await;
    assert_eq!(decide(&board, sid, "accepted", "Gratuit et libre").await.0, 200);
    let (_, dash) = member.post("/api/needs/dashboard", json!({})).await;
    assert_eq!(dash["covered"], 1);
    let by_category = dash["by_category"].as_array().unwrap();
    assert!(by_category.contains(&json!(["website", 3])), "{by_category:?}");
}

#[tokio::test]
async fn the_specification_exports_grouped_by_priority_then_category() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let (status, file) = export(&member, Value::Null, "markdown").await;
    assert_eq!(status, 200);
    let md = file["content"].as_str().unwrap();
    let must = md.find("## Indispensable").unwrap();
    let should = md.find("## Important").unwrap();
    let could = md.find("## Souhaitable").unwrap();
    assert!(must < should && should < could, "{md}");
    assert!(md[must..should].contains("### Communication interne"));
    assert!(
        md.contains("**Outil de communication interne sans limite d'historique** — En analyse ; 0 soutien")
    );

    // A subset: the internal communication needs, as CSV.
    let id = list(&member, json!({"category": "internal_communication"}))
        .await
        .remove(0)
        .id;
    support(&member, &id, true).await;
    let query = json!({"category": "internal_communication"});
    let (_, file) = export(&member, query, "csv").await;
    assert_eq!(file["filename"], "cahier-des-charges-besoins.csv");
    let csv = file["content"].as_str().unwrap();
    // A BOM first, so that French Excel reads UTF-8; CRLF line ends.
    let csv = csv.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("priorite;categorie;titre;statut;soutiens"));
    assert!(lines[1].starts_with("\"Indispensable\";\"Communication interne\";\"Outil de communication interne sans limite d'historique\";\"En analyse\";1;"), "{csv}");
    assert!(lines[2].starts_with("\"Important\";"));
    assert_eq!(export(&member, Value::Null, "pdf").await.0, 400);
}

#[tokio::test]
async fn admins_edit_the_category_list() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    let admin = portal.signed_in("admin@example.org").await;
    let category = json!({"code": "training", "label_fr": "Formation", "label_en": "Training", "position": 8, "active": true});
    assert_eq!(save_category(&member, &category).await, 403);
    assert_eq!(save_category(&admin, &category).await, 200);
    let mut bad = category.clone();
    bad["code"] = json!("Formation !");
    assert_eq!(save_category(&admin, &bad).await, 400);
    let (_, categories) = member.post("/api/needs/categories", json!({})).await;
    assert_eq!(categories.as_array().unwrap().len(), 9);
    assert_eq!(categories[7]["label_fr"], "Formation");
    create(
        &member,
        need("Plateforme de formation en ligne", "training", "could", ""),
    )
    .await;
    assert_eq!(list(&member, json!({"category": "training"})).await.len(), 1);
}

#[tokio::test]
async fn the_register_comes_in_pages_of_the_whole_ordered_list() {
    let portal = start().await;
    let member = portal.signed_in("membre@example.org").await;
    for i in 0..30 {
        create(
            &member,
            need(&format!("Besoin de la page {i}"), "other", "could", ""),
        )
        .await;
    }
    let all = list(&member, json!({})).await;
    let ids = |items: &Value| -> Vec<Value> {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].clone())
            .collect()
    };
    let whole: Vec<Value> = all.iter().map(|n| json!(n.id)).collect();
    let register = |body: Value| {
        let member = member.clone();
        async move { member.post("/api/needs/register", body).await }
    };

    let (status, first) = register(json!({})).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(
        (first["page"].as_u64(), first["per_page"].as_u64()),
        (Some(1), Some(25))
    );
    assert_eq!(first["total"].as_u64(), Some(whole.len() as u64));
    assert_eq!(ids(&first["items"]), whole[..25]);
    let (_, second) = register(json!({"query": null, "page": 2})).await;
    assert_eq!(ids(&second["items"]), whole[25..whole.len().min(50)]);

    // Past the end: the last page; page 0 is refused.
    let last = whole.len().div_ceil(25);
    let (_, beyond) = register(json!({"page": 999})).await;
    assert_eq!(beyond["page"].as_u64(), Some(last as u64));
    assert_eq!(ids(&beyond["items"]), whole[(last - 1) * 25..]);
    let (status, body) = register(json!({"page": 0})).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (400, Some("page")));

    // Filters as for the whole list.
    let could = list(&member, json!({"priority": "could"})).await;
    let (_, filtered) = register(json!({"query": {"priority": "could"}, "page": 1})).await;
    assert_eq!(filtered["total"].as_u64(), Some(could.len() as u64));

    // The text matches as one types, in French: accents, plurals and word
    // beginnings, every word typed.
    let titles = |text: &'static str| {
        let member = member.clone();
        async move {
            let (status, page) = member
                .post("/api/needs/register", json!({"query": {"text": text}, "page": 1}))
                .await;
            assert_eq!(status, 200, "{page}");
            let mut titles: Vec<String> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["title"].as_str().unwrap().to_string())
                .collect();
            titles.sort();
            titles
        }
    };
    let chat = ["Outil de communication interne sans limite d'historique".to_string()];
    assert_eq!(titles("communic").await, chat);
    assert_eq!(titles("Outils historiques Slack").await, chat);
    assert_eq!(titles("COMMUNICATION interne").await, chat);
    assert_eq!(titles("communication twitter").await, Vec::<String>::new());
    assert_eq!(titles("page 2").await.len(), 1 + 10);
}
