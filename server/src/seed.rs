//! Demo data: one account per role, the association's three "Nouvelles
//! missions SI" cards and the needs they name, and synthetic members.
//! Deterministic (same input, same records) and idempotent (run it twice,
//! nothing doubles).

use app::accounts::model::Role;
use app::accounts::services::accounts;
use app::accounts::services::accounts::NewUser;
use app::directory::services::members::search_text;
use app::platform::db::Db;
use serde_json::json;

pub struct DemoAccount {
    pub email: &'static str,
    pub display_name: &'static str,
    pub role: Role,
}

/// One account per role, and the people the seed's support card names: its
/// referent and its thematic referents (Claire Martin is both a demo
/// referent and the card's referent for IT tools).
pub const DEMO_ACCOUNTS: [DemoAccount; 8] = [
    DemoAccount {
        email: "admin@example.org",
        display_name: "Agnès Morel",
        role: Role::Admin,
    },
    DemoAccount {
        email: "ca@example.org",
        display_name: "Malcolm Bernard",
        role: Role::Board,
    },
    DemoAccount {
        email: "pilote@example.org",
        display_name: "Paul Lefèvre",
        role: Role::Pilot,
    },
    DemoAccount {
        email: "referent@example.org",
        display_name: "Claire Martin",
        role: Role::Referent,
    },
    DemoAccount {
        email: "membre@example.org",
        display_name: "Manon Girard",
        role: Role::Member,
    },
    DemoAccount {
        email: "support@example.org",
        display_name: "Jean-Noël Geist",
        role: Role::Referent,
    },
    DemoAccount {
        email: "com@example.org",
        display_name: "Ilana Toledano",
        role: Role::Referent,
    },
    DemoAccount {
        email: "data@example.org",
        display_name: "Zeynep Kahraman",
        role: Role::Referent,
    },
];

/// The support card's thematic referents, by the category they answer.
const THEMATIC_REFERENTS: [(&str, &str); 3] = [
    ("communication_web", "com@example.org"),
    ("it_tools", "referent@example.org"),
    ("data_portal", "data@example.org"),
];

/// Creates the demo accounts that are missing; with `reset_password`, also
/// sets the password of those that exist (so the printed one always works).
pub async fn demo_accounts(db: &Db, password: &str, reset_password: bool) -> anyhow::Result<()> {
    for account in &DEMO_ACCOUNTS {
        if accounts::email_exists(db, account.email).await? {
            if reset_password {
                accounts::set_password(db, account.email, password).await?;
            }
            continue;
        }
        accounts::create_user(
            db,
            NewUser {
                email: account.email.into(),
                display_name: account.display_name.into(),
                roles: vec![account.role],
                password: password.into(),
            },
        )
        .await?;
    }
    // Give the demo accounts a directory card too.
    for (i, account) in DEMO_ACCOUNTS.iter().enumerate() {
        let profile = synthetic_profile(i as u64 + 7);
        db.query(
            "UPDATE user SET region = $region, local_group = $group, profession = $profession,
                 domains = $domains, skills = $skills, member_since = <datetime>$since,
                 search_text = $search, languages = $languages, hours_per_month = $hours,
                 open_to_missions = $open
             WHERE email = $email AND region = NONE",
        )
        .bind(("email", account.email))
        .bind(("region", profile.region.to_string()))
        .bind(("group", profile.local_group.to_string()))
        .bind(("profession", profile.profession.to_string()))
        .bind(("domains", profile.domains.clone()))
        .bind(("skills", profile.skills.clone()))
        .bind(("since", profile.member_since.clone()))
        .bind(("languages", profile.languages.clone()))
        .bind(("hours", profile.hours_per_month))
        .bind(("open", profile.open_to_missions))
        .bind((
            "search",
            search_text(account.display_name, &profile.skills, profile.profession, ""),
        ))
        .await?
        .check()?;
    }
    Ok(())
}

struct SeedMission {
    key: &'static str,
    title: &'static str,
    kind: &'static str,
    status: &'static str,
    board_referent: &'static str,
    tsp_referent: &'static str,
    what: &'static str,
    timing: &'static str,
    deliverables: &'static str,
    staffing: &'static str,
}

/// The three cards of ../shared/seed/, word for word (line breaks where the
/// original document had its numbered items and paragraphs).
const SEED_MISSIONS: [SeedMission; 3] = [
    SeedMission {
        key: "coordination-si",
        title: "Coordination SI",
        kind: "mission_shifter",
        status: "approved",
        board_referent: "Malcolm ?",
        tsp_referent: "",
        what: "1°) Recenser tous les besoins SI existants au sein des Shifters (gt, missions, CA), et proposer une architecture SI et des solutions logicielles permettant d'y répondre\n2°) Piloter le gt qui mettra en place l'architecture choisie\n3°) Pour tout nouveau besoin ultérieur exprimé au sein d'un gt ou mission, vérifier que l'orientation choisie est cohérente avec l'architecture SI en place ou proposer une alternative",
        timing: "1°) Objectif mi-novembre (approx 10h de travail)\n2°) Jusqu'à début 2020 (approx 3-4h/sem)\n3°) Mission continue tout au long de l'année (approx 5-6h/mois)",
        deliverables: "Tous les besoins sont identifiés et référencés, et une solution présentée au CA pour validation avec coût/délai/complexité\nUne fois validée, la solution est déployée et opérationnelle début 2020",
        staffing: "1 pilote expérimenté en projet SI + 1 co-pilote : investissement nécessaire sur au moins 6 mois\nPar la suite, 5 à 10 contributeurs confirmés en SI pour le déploiement",
    },
    SeedMission {
        key: "chat4ever",
        title: "Chat4ever",
        kind: "mission_shifter",
        status: "approved",
        board_referent: "Malcolm",
        tsp_referent: "",
        what: "Nous atteignons les limites de l'offre Slack gratuite (10 000 messages max), et la version payante n'est pas viable financièrement pour les Shifters. Nous devons donc nous préparer à migrer vers une autre solution.\nA cette occasion, et avant de définir quelle serait cette solution, il s'agit donc de recenser tous les besoins de ce que serait l'outil de communication interne idéal des Shifters. Une méthode suggérée est de le définir en écart par rapport à Slack. Notamment, il est identifié un besoin de mieux exploiter les fiches individuelles afin de permettre aux Shifters de mieux se connaître entre eux (par ex avec des critères de région, d'ancienneté Shifters, de domaine d'activité, etc...)",
        timing: "Objectif 1er jet mi-novembre",
        deliverables: "Un CdC hiérarchisé",
        staffing: "1 pilote familial avec ce type d'outil +2 à 3 contributeurs max. Investissement nécessaire sur 6 mois minimum pour ne pas laisser le projet en cours",
    },
    SeedMission {
        key: "support-conseil",
        title: "Support et conseil informatique & web",
        kind: "pilotage_shifters",
        status: "active",
        board_referent: "Malcolm",
        tsp_referent: "Référent : Jean-Noël Geist\nEpaulé par des référentes thématiques :\n• Tout sujet lié à la com' (réseaux sociaux, site web, vidéo, etc.) : Ilana Toledano\n• Outils informatiques : Claire Martin\n• Data-portal : Zeynep Kahraman",
        what: "Constituer une équipe de Shifters qui puissent aider le Shift à améliorer le fonctionnement de ses outils informatiques et de sa communication web, ainsi qu'aider en cas d'urgence.",
        timing: "Continu, avec les sous-missions ponctuelles",
        deliverables: "De l'aide d'urgence 'pompiers' en cas de problème informatique (ex : souci actuel de TSP dont certains mails tombent dans les spams, en passe d'être réglé)\nDe l'aide concrète sur l'évolution des outils informatiques (à commencer par : créer un bot Twitter pour le Shift et Jean-Marc Jancovici ; des améliorations sur le site web ; du montage vidéo ; assembler et réformer notre fichier presse)\nDes recommandations et du conseil sur l'évolution des outils informatiques (à commencer par : les alternatives libres et/ou françaises ou européennes à Google Form et Dropbox ; la sécurité informatique du Shift ; les services d'hébergement ; une technique infallible pour intégrer des contacts à Outlook à partir d'un tableau excel)",
        staffing: "Une équipe d'entre 6 et 8 Shifters seraint souhaitable. Tout Shifter ayant des connaissances en informatique (serveurs mail, hébergement, CMS, etc.) ou en communication web (référencement, etc.).",
    },
];

struct SeedNeed {
    key: &'static str,
    title: &'static str,
    origin_name: &'static str,
    category: &'static str,
    priority: &'static str,
    status: &'static str,
    current_tool: &'static str,
    gap: &'static str,
}

/// The needs the three cards name.
const SEED_NEEDS: [SeedNeed; 13] = [
    SeedNeed {
        key: "recensement-si",
        title: "Recenser tous les besoins SI (gt, missions, CA) et proposer une architecture SI",
        origin_name: "Coordination SI",
        category: "other",
        priority: "must",
        status: "in_analysis",
        current_tool: "",
        gap: "",
    },
    SeedNeed {
        key: "slack-limite",
        title: "Outil de communication interne sans limite d'historique",
        origin_name: "Chat4ever",
        category: "internal_communication",
        priority: "must",
        status: "in_analysis",
        current_tool: "Slack (offre gratuite)",
        gap: "Historique limité à 10 000 messages ; la version payante n'est pas viable financièrement",
    },
    SeedNeed {
        key: "fiches-individuelles",
        title: "Fiches individuelles pour mieux se connaître (région, ancienneté, domaine d'activité)",
        origin_name: "Chat4ever",
        category: "internal_communication",
        priority: "should",
        status: "new",
        current_tool: "Slack",
        gap: "Profils pauvres, aucun filtre par région, ancienneté ou domaine",
    },
    SeedNeed {
        key: "mails-spam",
        title: "Mails de TSP classés en spam",
        origin_name: "Support et conseil informatique & web",
        category: "hosting",
        priority: "must",
        status: "deploying",
        current_tool: "Messagerie de TSP",
        gap: "Certains mails tombent dans les spams",
    },
    SeedNeed {
        key: "bot-twitter",
        title: "Bot Twitter pour le Shift et Jean-Marc Jancovici",
        origin_name: "Support et conseil informatique & web",
        category: "website",
        priority: "could",
        status: "new",
        current_tool: "",
        gap: "",
    },
    SeedNeed {
        key: "site-web",
        title: "Améliorations du site web",
        origin_name: "Support et conseil informatique & web",
        category: "website",
        priority: "should",
        status: "new",
        current_tool: "Site web",
        gap: "",
    },
    SeedNeed {
        key: "montage-video",
        title: "Montage vidéo",
        origin_name: "Support et conseil informatique & web",
        category: "website",
        priority: "could",
        status: "new",
        current_tool: "",
        gap: "",
    },
    SeedNeed {
        key: "fichier-presse",
        title: "Assembler et réformer le fichier presse",
        origin_name: "Support et conseil informatique & web",
        category: "data",
        priority: "should",
        status: "new",
        current_tool: "Tableurs dispersés",
        gap: "Fichier presse incomplet et non unifié",
    },
    SeedNeed {
        key: "alternative-google-form",
        title: "Alternative libre ou européenne à Google Form",
        origin_name: "Support et conseil informatique & web",
        category: "forms",
        priority: "should",
        status: "new",
        current_tool: "Google Form",
        gap: "Données hors d'Europe, outil propriétaire",
    },
    SeedNeed {
        key: "alternative-dropbox",
        title: "Alternative libre ou européenne à Dropbox",
        origin_name: "Support et conseil informatique & web",
        category: "collaboration",
        priority: "should",
        status: "new",
        current_tool: "Dropbox",
        gap: "Données hors d'Europe, outil propriétaire",
    },
    SeedNeed {
        key: "securite",
        title: "Sécurité informatique du Shift",
        origin_name: "Support et conseil informatique & web",
        category: "security",
        priority: "must",
        status: "new",
        current_tool: "",
        gap: "",
    },
    SeedNeed {
        key: "hebergement",
        title: "Choix des services d'hébergement",
        origin_name: "Support et conseil informatique & web",
        category: "hosting",
        priority: "should",
        status: "new",
        current_tool: "",
        gap: "",
    },
    SeedNeed {
        key: "contacts-outlook",
        title: "Intégrer des contacts à Outlook à partir d'un tableau Excel",
        origin_name: "Support et conseil informatique & web",
        category: "data",
        priority: "could",
        status: "new",
        current_tool: "Excel, Outlook",
        gap: "Pas de méthode fiable d'import",
    },
];

/// The missions and needs of the seed document (kept once, by their seed key).
pub async fn association_content(db: &Db) -> anyhow::Result<()> {
    for m in &SEED_MISSIONS {
        db.query(
            "IF (SELECT VALUE id FROM mission WHERE seed_key = $key) = [] {
                CREATE mission CONTENT {
                    seed_key: $key, title: $title, kind: $kind, status: $status, pilots: '',
                    board_referent: $board, tsp_referent: $tsp, what: $what, timing: $timing,
                    deliverables: $deliverables, staffing: $staffing
                }
            }",
        )
        .bind(json!({
            "key": m.key, "title": m.title, "kind": m.kind, "status": m.status,
            "board": m.board_referent, "tsp": m.tsp_referent, "what": m.what, "timing": m.timing,
            "deliverables": m.deliverables, "staffing": m.staffing,
        }))
        .await?
        .check()?;
    }
    for n in &SEED_NEEDS {
        db.query(
            "IF (SELECT VALUE id FROM need WHERE seed_key = $key) = [] {
                CREATE need CONTENT {
                    seed_key: $key, title: $title, origin: 'mission', origin_name: $origin_name,
                    category: $category, priority: $priority, status: $status,
                    current_tool: $current_tool, gap: $gap
                }
            }",
        )
        .bind(json!({
            "key": n.key, "title": n.title, "origin_name": n.origin_name, "category": n.category,
            "priority": n.priority, "status": n.status, "current_tool": n.current_tool, "gap": n.gap,
        }))
        .await?
        .check()?;
    }
    // needs
    architecture_catalogue(db).await?;
    mission_places(db).await?;
    mission_people(db).await?;
    support_referents(db).await
}

// missions: the places each seed card offers, read from its "Combien ?", and
// the needs it answers. Set once (a card already given roles keeps its own).
async fn mission_places(db: &Db) -> anyhow::Result<()> {
    let role = |role: &str, places: u32, skills: &[&str], commitment: &str, duration: &str| json!({"role": role, "places": places, "skills": skills, "commitment": commitment, "duration": duration});
    let cards = [
        (
            "coordination-si",
            vec![
                role("pilot", 1, &["Gestion de projet"], "strong", "au moins 6 mois"),
                role("copilot", 1, &["Gestion de projet"], "regular", "au moins 6 mois"),
                role(
                    "contributor",
                    10,
                    &["Administration système", "Développement web", "Hébergement"],
                    "regular",
                    "pour le déploiement",
                ),
            ],
            vec!["recensement-si"],
        ),
        (
            "chat4ever",
            vec![
                role(
                    "pilot",
                    1,
                    &["Gestion de projet", "Communication"],
                    "regular",
                    "6 mois minimum",
                ),
                role(
                    "contributor",
                    3,
                    &["Rédaction", "Communication"],
                    "light",
                    "6 mois minimum",
                ),
            ],
            vec!["slack-limite", "fiches-individuelles"],
        ),
        (
            "support-conseil",
            vec![role(
                "contributor",
                8,
                &[
                    "Administration système",
                    "Hébergement",
                    "Développement web",
                    "Communication",
                    "Réseaux sociaux",
                ],
                "light",
                "en continu",
            )],
            vec!["mails-spam", "bot-twitter", "site-web", "securite", "hebergement"],
        ),
    ];
    for (key, roles, needs) in cards {
        db.query(
            "UPDATE mission SET roles = $roles, domains = ['Numérique'],
                 needs = (SELECT VALUE id FROM need WHERE seed_key IN $needs)
             WHERE seed_key = $key AND roles = []",
        )
        .bind(("key", key))
        .bind(("roles", roles))
        .bind(("needs", needs))
        .await?
        .check()?;
    }
    Ok(())
}

/// support: each thematic referent answers their category; the card's
/// referent and the demo referent answer the others. Only categories that
/// have no referent yet (an administrator's choice stays).
async fn support_referents(db: &Db) -> anyhow::Result<()> {
    for (category, email) in THEMATIC_REFERENTS {
        db.query(
            "LET $referent = (SELECT VALUE id FROM ONLY user WHERE email = $email LIMIT 1);
             IF $referent != NONE {
                 UPDATE type::record('support_category', $category) SET referents = [$referent]
                     WHERE array::len(referents) = 0 RETURN NONE;
             };",
        )
        .bind(("email", email))
        .bind(("category", category))
        .await?
        .check()?;
    }
    db.query(
        "LET $referents = SELECT VALUE id FROM user WHERE email IN ['support@example.org', 'referent@example.org'];
         UPDATE support_category SET referents = $referents WHERE array::len(referents) = 0 RETURN NONE;",
    )
    .await?
    .check()?;
    Ok(())
}

/// missions: the seed cards are filed as the seed files them, and their
/// board referent is the board's demo account (Malcolm), linked to his page.
async fn mission_people(db: &Db) -> anyhow::Result<()> {
    db.query(
        "LET $malcolm = (SELECT VALUE id FROM ONLY user WHERE email = 'ca@example.org' LIMIT 1);
         UPDATE mission SET series = 'Nouvelles missions SI' WHERE seed_key != NONE AND series = '' RETURN NONE;
         IF $malcolm != NONE {
             -- Once the board named or removed a referent, its choice stands.
             UPDATE mission SET referent_user = $malcolm WHERE seed_key != NONE AND referent_user = NONE
                 AND count(SELECT id FROM mission_event WHERE mission = $parent.id
                     AND kind IN ['referent_named', 'referent_removed']) = 0
                 RETURN NONE;
         };",
    )
    .await?
    .check()?;
    Ok(())
}

// needs: the architecture catalogue of the demo.
/// (name, purpose, status, hosting, free software, European, yearly cost, alternatives)
type SeedComponent = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    u64,
    &'static str,
);

const SEED_COMPONENTS: [SeedComponent; 8] = [
    (
        "Slack",
        "internal_communication",
        "adopted",
        "Slack (États-Unis)",
        false,
        false,
        0,
        "Mattermost, Element (Matrix)",
    ),
    (
        "Mattermost",
        "internal_communication",
        "trial",
        "Hébergeur associatif (France)",
        true,
        true,
        600,
        "",
    ),
    (
        "Google Forms",
        "forms",
        "refused",
        "Google (États-Unis)",
        false,
        false,
        0,
        "Framaforms, LimeSurvey",
    ),
    (
        "Framaforms",
        "forms",
        "adopted",
        "Framasoft (France)",
        true,
        true,
        0,
        "",
    ),
    (
        "Dropbox",
        "collaboration",
        "refused",
        "Dropbox (États-Unis)",
        false,
        false,
        0,
        "Nextcloud",
    ),
    (
        "Nextcloud",
        "collaboration",
        "adopted",
        "Hébergeur associatif (France)",
        true,
        true,
        480,
        "",
    ),
    (
        "Microsoft Outlook",
        "data",
        "adopted",
        "Microsoft 365",
        false,
        false,
        0,
        "Thunderbird",
    ),
    (
        "Microsoft Excel",
        "data",
        "adopted",
        "Microsoft 365",
        false,
        false,
        0,
        "LibreOffice Calc",
    ),
];

/// The components of the demo catalogue that are missing (kept once, by name).
async fn architecture_catalogue(db: &Db) -> anyhow::Result<()> {
    for (name, purpose, status, hosting, free, european, cost, alternatives) in SEED_COMPONENTS {
        db.query(
            "IF (SELECT VALUE id FROM component WHERE name_key = string::lowercase($name)) = [] {
                CREATE component CONTENT {
                    name: $name, purpose: $purpose, status: $status, hosting: $hosting,
                    free_software: $free, european: $european, yearly_cost: $cost, alternatives: $alternatives
                }
            }",
        )
        .bind(json!({
            "name": name, "purpose": purpose, "status": status, "hosting": hosting, "free": free,
            "european": european, "cost": cost, "alternatives": alternatives,
        }))
        .await?
        .check()?;
    }
    Ok(())
}
// end needs

const FIRST_NAMES: [&str; 40] = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Emma",
    "Inès",
    "Jade",
    "Louise",
    "Zoé",
    "Juliette",
    "Sarah",
    "Anaïs",
    "Élodie",
    "Margaux",
    "Clémence",
    "Hélène",
    "Sophie",
    "Nathalie",
    "Céline",
    "Aurélie",
    "Lucas",
    "Hugo",
    "Louis",
    "Gabriel",
    "Arthur",
    "Jules",
    "Théo",
    "Nicolas",
    "Julien",
    "Mathieu",
    "Antoine",
    "Maxime",
    "Thomas",
    "Romain",
    "Guillaume",
    "François",
    "Stéphane",
    "Benoît",
    "Jérôme",
    "Yannick",
];
const LAST_NAMES: [&str; 40] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèbvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
];
/// Regions with a few local groups each.
const PLACES: [(&str, [&str; 3]); 13] = [
    ("Île-de-France", ["Paris", "Versailles", "Créteil"]),
    ("Auvergne-Rhône-Alpes", ["Lyon", "Grenoble", "Clermont-Ferrand"]),
    ("Nouvelle-Aquitaine", ["Bordeaux", "Poitiers", "Limoges"]),
    ("Occitanie", ["Toulouse", "Montpellier", "Perpignan"]),
    ("Hauts-de-France", ["Lille", "Amiens", "Arras"]),
    ("Provence-Alpes-Côte d'Azur", ["Marseille", "Nice", "Avignon"]),
    ("Grand Est", ["Strasbourg", "Nancy", "Reims"]),
    ("Pays de la Loire", ["Nantes", "Angers", "Le Mans"]),
    ("Bretagne", ["Rennes", "Brest", "Vannes"]),
    ("Normandie", ["Rouen", "Caen", "Le Havre"]),
    ("Bourgogne-Franche-Comté", ["Dijon", "Besançon", "Auxerre"]),
    ("Centre-Val de Loire", ["Tours", "Orléans", "Bourges"]),
    ("Étranger", ["Bruxelles", "Genève", "Montréal"]),
];
const DOMAINS: [&str; 10] = [
    "Énergie",
    "Mobilité",
    "Industrie",
    "Numérique",
    "Agriculture et alimentation",
    "Bâtiment",
    "Santé",
    "Enseignement et recherche",
    "Finance",
    "Culture et médias",
];
const SKILLS: [&str; 20] = [
    "Gestion de projet",
    "Développement web",
    "Administration système",
    "Data",
    "Rédaction",
    "Communication",
    "Graphisme",
    "Vidéo",
    "Réseaux sociaux",
    "Animation d'ateliers",
    "Juridique",
    "Comptabilité",
    "Sécurité informatique",
    "Traduction",
    "Formation",
    "Bases de données",
    "UX design",
    "Hébergement",
    "Recherche documentaire",
    "Relations presse",
];
const PROFESSIONS: [&str; 16] = [
    "Ingénieure",
    "Ingénieur",
    "Développeuse",
    "Développeur",
    "Chef de projet",
    "Consultante",
    "Consultant",
    "Enseignante",
    "Enseignant",
    "Médecin",
    "Architecte",
    "Journaliste",
    "Chercheuse",
    "Chercheur",
    "Étudiante",
    "Étudiant",
];

/// A deterministic generator (SplitMix64): the same seed gives the same members.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// `count` distinct items.
    fn several(&mut self, items: &[&'static str], count: usize) -> Vec<String> {
        let mut chosen: Vec<String> = Vec::new();
        while chosen.len() < count.min(items.len()) {
            let item = self.pick(items).to_string();
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }
}

struct Profile {
    display_name: String,
    region: &'static str,
    local_group: &'static str,
    profession: &'static str,
    domains: Vec<String>,
    skills: Vec<String>,
    member_since: String,
    // directory (issue 4): drawn after the fields above, which stay as they were.
    languages: Vec<String>,
    hours_per_month: u32,
    open_to_missions: bool,
    board_only: Vec<String>,
    private_fields: Vec<String>,
}

fn synthetic_profile(n: u64) -> Profile {
    let mut rng = Rng(n);
    let display_name = format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES));
    let (region, groups) = rng.pick(&PLACES);
    let local_group = rng.pick(&groups);
    let domain_count = 1 + (rng.next() % 2) as usize;
    let skill_count = 1 + (rng.next() % 4) as usize;
    let year = 2018 + rng.next() % 9;
    let month = 1 + rng.next() % 12;
    let day = 1 + rng.next() % 28;
    let mut languages = vec!["fr".to_string()];
    let other_languages = (rng.next() % 3) as usize;
    languages.extend(rng.several(&["en", "es", "de", "it"], other_languages));
    let hours_per_month = [2, 4, 6, 8, 10, 15, 20, 30][(rng.next() % 8) as usize];
    let open_to_missions = rng.next().is_multiple_of(3);
    // Some members keep a field from the other members, or from everyone.
    let board_only = if n % 10 == 3 {
        vec!["region".to_string()]
    } else {
        vec![]
    };
    let private_fields = if n % 13 == 5 {
        vec!["skills".to_string()]
    } else {
        vec![]
    };
    Profile {
        display_name,
        region,
        local_group,
        profession: rng.pick(&PROFESSIONS),
        domains: rng.several(&DOMAINS, domain_count),
        skills: rng.several(&SKILLS, skill_count),
        member_since: format!("{year}-{month:02}-{day:02}T00:00:00Z"),
        languages,
        hours_per_month,
        open_to_missions,
        board_only,
        private_fields,
    }
}

/// Adds synthetic members `member_00001` … up to `count` (existing ones are kept).
/// They have no usable password: they fill the directory, they do not sign in.
pub async fn synthetic_members(db: &Db, count: u64) -> anyhow::Result<()> {
    const BATCH: u64 = 500;
    let mut start = 1;
    while start <= count {
        let end = (start + BATCH - 1).min(count);
        let rows: Vec<serde_json::Value> = (start..=end)
            .map(|n| {
                let p = synthetic_profile(n);
                let search = search_text(&p.display_name, &p.skills, p.profession, "");
                json!({
                    "key": format!("member_{n:05}"),
                    "email": format!("membre{n:05}@shifters.example"),
                    "display_name": p.display_name,
                    "region": p.region,
                    "local_group": p.local_group,
                    "profession": p.profession,
                    "domains": p.domains,
                    "skills": p.skills,
                    "member_since": p.member_since,
                    "search_text": search,
                    "languages": p.languages,
                    "hours_per_month": p.hours_per_month,
                    "open_to_missions": p.open_to_missions,
                    "board_only": p.board_only,
                    "private_fields": p.private_fields,
                })
            })
            .collect();
        db.query(
            "FOR $r IN $rows {
                IF !record::exists(type::record('user', $r.key)) {
                    CREATE type::record('user', $r.key) CONTENT {
                        email: $r.email, display_name: $r.display_name, roles: ['member'],
                        password_hash: '!', region: $r.region, local_group: $r.local_group,
                        profession: $r.profession, domains: $r.domains, skills: $r.skills,
                        member_since: <datetime>$r.member_since, search_text: $r.search_text,
                        languages: $r.languages, hours_per_month: $r.hours_per_month,
                        open_to_missions: $r.open_to_missions, board_only: $r.board_only,
                        private_fields: $r.private_fields
                    }
                }
            }",
        )
        .bind(("rows", rows))
        .await?
        .check()?;
        start = end + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_deterministic() {
        let a = synthetic_profile(42);
        let b = synthetic_profile(42);
        assert_eq!(a.display_name, b.display_name);
        assert_eq!(a.skills, b.skills);
        assert_ne!(synthetic_profile(43).member_since, "");
    }
}
