//! Texts of accounts: sign-in, one-time links, one's account, administration.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::platform::i18n::texts;

texts! {
    pub struct AccountTexts from "src/accounts/texts.toml" {
        accounts_found(n: u64),
        bulk_plan(matching: u64, recent: u64, send: u64),
        bulk_pace(rate: u32, minutes: u64),
        bulk_send(n: u64),
        bulk_progress(sent: u64, total: u64, failed: u64, pending: u64),
        activation_total(done: u64, all: u64),
        audit_found(n: u64),
    }
}
