//! Texts of the missions area (cards, review, applications), French first.
//! The plain ones are in `texts.toml`, those made from values here.

use crate::platform::i18n::texts;

texts! {
    pub struct MissionTexts from "src/missions/texts.toml" {
        places_left: fn(u32) -> String = (
            |n| match n {
                0 => "Complet".to_string(),
                1 => "1 place libre".to_string(),
                n => format!("{n} places libres"),
            },
            |n| match n {
                0 => "Full".to_string(),
                1 => "1 place left".to_string(),
                n => format!("{n} places left"),
            },
        ),
        field_name: fn(&str) -> &'static str = (field_fr, field_en),
        waiting: fn(i64) -> String = (
            |d| match d {
                0 => "Soumise aujourd'hui".to_string(),
                1 => "En attente depuis 1 jour".to_string(),
                d => format!("En attente depuis {d} jours"),
            },
            |d| match d {
                0 => "Submitted today".to_string(),
                1 => "Waiting for 1 day".to_string(),
                d => format!("Waiting for {d} days"),
            },
        ),
        remove_pilot: fn(&str) -> String = (
            |n| format!("Retirer {n} des pilotes"),
            |n| format!("Remove {n} from the pilots"),
        ),
    }
}

fn field_fr(field: &str) -> &'static str {
    match field {
        "title" => "Intitulé",
        "kind" => "Type",
        "tsp_referent" => "Référent TSP",
        "what" => "Quoi ?",
        "when" => "Quand ?",
        "deliverables" => "Livrable(s)",
        "how_many" => "Combien ?",
        "region" => "Région",
        "domains" => "Domaines",
        "needs" => "Besoins",
        "roles" => "Rôles recherchés (au moins un pilote ou co-pilote)",
        _ => "—",
    }
}

fn field_en(field: &str) -> &'static str {
    match field {
        "title" => "Title",
        "kind" => "Type",
        "tsp_referent" => "TSP referent",
        "what" => "What?",
        "when" => "When?",
        "deliverables" => "Deliverable(s)",
        "how_many" => "How many?",
        "region" => "Region",
        "domains" => "Domains",
        "needs" => "Needs",
        "roles" => "Roles wanted (at least a pilot or co-pilot)",
        _ => "—",
    }
}
