//! Texts of accounts: sign-in, one-time links, one's account, administration.
//! The plain ones are in `texts.toml`, those made from values here.

use crate::platform::i18n::texts;

texts! {
    pub struct AccountTexts from "src/accounts/texts.toml" {
        accounts_found: fn(u64) -> String = (
            |n| format!("{n} compte(s)"),
            |n| format!("{n} account(s)"),
        ),
        bulk_plan: fn(u64, u64, u64) -> String = (
            |matching, recent, send| format!("{matching} compte(s) correspondent, dont {recent} invité(s) depuis moins de 7 jours. {send} invitation(s) partiront."),
            |matching, recent, send| format!("{matching} account(s) match, {recent} of them invited in the last 7 days. {send} invitation(s) will leave."),
        ),
        bulk_pace: fn(u32, u64) -> String = (
            |rate, minutes| format!("Rythme : {rate} par minute, environ {minutes} min en tout."),
            |rate, minutes| format!("Pace: {rate} a minute, about {minutes} min in all."),
        ),
        bulk_send: fn(u64) -> String = (
            |n| format!("Envoyer {n} invitation(s)"),
            |n| format!("Send {n} invitation(s)"),
        ),
        bulk_progress: fn(u64, u64, u64, u64) -> String = (
            |sent, total, failed, pending| format!("{sent} envoyée(s) sur {total}, {failed} en échec, {pending} en attente."),
            |sent, total, failed, pending| format!("{sent} of {total} sent, {failed} failed, {pending} waiting."),
        ),
        activation_total: fn(u64, u64) -> String = (
            |done, all| format!("{done} comptes activés sur {all}"),
            |done, all| format!("{done} of {all} accounts activated"),
        ),
        audit_found: fn(u64) -> String = (
            |n| format!("{n} entrée(s)"),
            |n| format!("{n} entry(ies)"),
        ),
    }
}
