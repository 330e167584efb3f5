//! What the server writes for people to read (errors, notifications, mails,
//! exports) in the reader's language.
//!
//! Inside a request, the reader is the caller: the HTTP layer runs each
//! request in the language its browser shows (the portal's client sends it
//! as `Accept-Language`; a download link adds `?lang=`), and `said` picks
//! from it, the way a web framework's active locale does. What is written
//! for someone else (a notification, its mail) is kept in both languages as
//! `Both` and picked when that person's language is known.

use crate::platform::i18n::Lang;

#[cfg(feature = "ssr")]
tokio::task_local! {
    static REQUEST_LANG: Lang;
}

/// Runs `work` (a request's handling) answering in `lang`.
#[cfg(feature = "ssr")]
pub async fn answering_in<F: std::future::Future>(lang: Option<Lang>, work: F) -> F::Output {
    match lang {
        Some(lang) => REQUEST_LANG.scope(lang, work).await,
        None => work.await,
    }
}

/// Runs `work`, blocking, in `lang`: the request's language carried into
/// `spawn_blocking`, which starts outside the request's task.
#[cfg(feature = "ssr")]
pub fn blocking_in<R>(lang: Option<Lang>, work: impl FnOnce() -> R) -> R {
    match lang {
        Some(lang) => REQUEST_LANG.sync_scope(lang, work),
        None => work(),
    }
}

/// The language the caller asked for, when it said one (in the browser,
/// which never builds these sentences, none).
pub fn asked_lang() -> Option<Lang> {
    #[cfg(feature = "ssr")]
    return REQUEST_LANG.try_with(|lang| *lang).ok();
    #[cfg(not(feature = "ssr"))]
    None
}

/// The caller's language: French, the portal's first, when it said none or
/// outside a request (scheduled jobs, the command line).
pub fn request_lang() -> Lang {
    asked_lang().unwrap_or_default()
}

/// `fr` or `en`, as the caller reads.
pub fn said(fr: impl Into<String>, en: impl Into<String>) -> String {
    match request_lang() {
        Lang::Fr => fr.into(),
        Lang::En => en.into(),
    }
}

/// The language a request asks for: `?lang=en|fr` in its query, else the
/// first language of its `Accept-Language` when it is one of ours.
pub fn lang_of_request(query: Option<&str>, accept_language: Option<&str>) -> Option<Lang> {
    let from_query = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_code);
    from_query.or_else(|| {
        let first = accept_language?.split(',').next()?;
        let primary = first.split(';').next()?.trim().split('-').next()?;
        Lang::from_code(&primary.to_ascii_lowercase())
    })
}

/// A sentence in both languages, for a reader whose language is known
/// later (a notification, read in the portal or by mail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Both {
    pub fr: String,
    pub en: String,
}

impl Both {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Both {
        Both {
            fr: fr.into(),
            en: en.into(),
        }
    }

    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// As bound into a query: `{fr, en}`.
    pub fn value(&self) -> serde_json::Value {
        serde_json::json!({ "fr": self.fr, "en": self.en })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_asked_for() {
        assert_eq!(
            lang_of_request(None, Some("en-GB,en;q=0.9,fr;q=0.8")),
            Some(Lang::En)
        );
        assert_eq!(lang_of_request(None, Some("fr")), Some(Lang::Fr));
        assert_eq!(lang_of_request(None, Some("de-DE,en;q=0.5")), None);
        assert_eq!(
            lang_of_request(Some("mode=all&lang=en"), Some("fr")),
            Some(Lang::En)
        );
        assert_eq!(lang_of_request(None, None), None);
    }

    #[tokio::test]
    async fn says_in_the_request_language_and_french_elsewhere() {
        assert_eq!(said("oui", "yes"), "oui");
        let inside = answering_in(Some(Lang::En), async { said("oui", "yes") }).await;
        assert_eq!(inside, "yes");
        assert_eq!(answering_in(None, async { asked_lang() }).await, None);
        let blocking = answering_in(Some(Lang::En), async {
            let lang = asked_lang();
            tokio::task::spawn_blocking(move || blocking_in(lang, || said("oui", "yes"))).await
        })
        .await;
        assert_eq!(blocking.unwrap(), "yes");
    }
}
