//! The texts of the needs register, the architecture and the dashboard.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::needs::model::NeedAction;
use crate::platform::i18n::texts;

texts! {
    pub struct NeedsTexts from "src/needs/texts.toml" {
        count(n: usize),
        download(name: &str),
        supports(n: u64),
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
        solution_facts(once: u64, yearly: u64, weeks: u64, complexity: u8),
        coverage(covered: u64, total: u64),
    }
}
