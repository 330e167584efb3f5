//! Texts of the support pages (request form, thread, queue, dashboard,
//! settings), French first, English second. The texts are in
//! `texts.toml`; here, their arguments and the texts that need code.

use crate::platform::i18n::texts;

texts! {
    pub struct SupportTexts from "src/support/texts.toml" {
        event_taken(who: &str),
        event_assigned(who: &str),
        event_status(status: &str),
        hours(h: f64),
        support_created(n: u64),
    }
}
