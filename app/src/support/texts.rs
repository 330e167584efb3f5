//! Texts of the support pages (request form, thread, queue, dashboard,
//! settings), French first, English second. The plain ones are in
//! `texts.toml`, those made from values here.

use crate::platform::i18n::texts;

texts! {
    pub struct SupportTexts from "src/support/texts.toml" {
        event_taken: fn(&str) -> String = (
            |who| format!("Prise en charge par {who}"),
            |who| format!("Taken by {who}"),
        ),
        event_assigned: fn(&str) -> String = (
            |who| format!("Confiée à {who}"),
            |who| format!("Handed over to {who}"),
        ),
        event_status: fn(&str) -> String = (
            |status| format!("Statut : {status}"),
            |status| format!("Status: {status}"),
        ),
        hours: fn(f64) -> String = (|h| format!("{h:.1} h"), |h| format!("{h:.1} h")),
        support_created: fn(u64) -> String = (
            |n| format!("Demande n° {n} enregistrée. Un référent va la prendre en charge."),
            |n| format!("Request #{n} recorded. A referent will take it."),
        ),
    }
}
