//! The texts of the needs register, the architecture and the dashboard.
//! The plain ones are in `texts.toml`, those made from values here.

use crate::needs::model::NeedAction;
use crate::platform::i18n::texts;

texts! {
    pub struct NeedsTexts from "src/needs/texts.toml" {
        count: fn(usize) -> String = (
            |n| match n {
                0 => "Aucun besoin".into(),
                1 => "1 besoin".into(),
                n => format!("{n} besoins"),
            },
            |n| match n {
                0 => "No need".into(),
                1 => "1 need".into(),
                n => format!("{n} needs"),
            },
        ),
        download: fn(&str) -> String = (
            |name| format!("Télécharger {name}"),
            |name| format!("Download {name}"),
        ),
        supports: fn(u64) -> String = (
            |n| match n {
                0 => "Aucun soutien".into(),
                1 => "1 soutien".into(),
                n => format!("{n} soutiens"),
            },
            |n| match n {
                0 => "No support".into(),
                1 => "1 supporter".into(),
                n => format!("{n} supporters"),
            },
        ),
        action: fn(NeedAction) -> &'static str = (
            |a| match a {
                NeedAction::Created => "Création",
                NeedAction::Edited => "Modification",
                NeedAction::MergedInto => "Fusionné dans",
                NeedAction::MergedFrom => "A reçu la fusion de",
                NeedAction::Decision => "Décision du CA",
                NeedAction::Status => "Statut",
            },
            |a| match a {
                NeedAction::Created => "Created",
                NeedAction::Edited => "Edited",
                NeedAction::MergedInto => "Merged into",
                NeedAction::MergedFrom => "Received the merge of",
                NeedAction::Decision => "Board decision",
                NeedAction::Status => "Status",
            },
        ),
        decided: fn(&str, &str, &str) -> String = (
            |status, by, at| format!("{status} par {by} le {}", at.get(0..10).unwrap_or(at)),
            |status, by, at| format!("{status} by {by} on {}", at.get(0..10).unwrap_or(at)),
        ),
        solution_facts: fn(u64, u64, u64, u8) -> String = (
            |once, yearly, weeks, complexity| {
                format!("{once} € puis {yearly} €/an · {weeks} semaines · complexité {complexity}/5")
            },
            |once, yearly, weeks, complexity| {
                format!("€{once} then €{yearly}/year · {weeks} weeks · complexity {complexity}/5")
            },
        ),
        coverage: fn(u64, u64) -> String = (
            |covered, total| format!("{covered} besoins ouverts sur {total} sont couverts par l'architecture adoptée"),
            |covered, total| format!("{covered} of {total} open needs are covered by the adopted architecture"),
        ),
    }
}
