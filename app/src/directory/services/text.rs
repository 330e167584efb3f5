//! Search terms: French stemming, accent folding, stop words.

use std::sync::LazyLock;

// ----- Text -------------------------------------------------------------------

pub(super) static STEMMER: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French));

/// Words too common to narrow a search.
pub(super) const STOP_WORDS: [&str; 22] = [
    "a", "au", "aux", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour",
    "sur", "un", "une", "the", "of", "and",
];

/// French-aware terms of `text`: lower case, accents folded, stemmed
/// ("Développements" and "developpeur" share the stem "developp").
pub fn analyze(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(&text.to_lowercase());
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| STEMMER.stem(w).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_terms_fold_accents_and_plurals() {
        assert_eq!(analyze("Développements"), analyze("developpement"));
        assert!(analyze("Gestion de projet").len() == 2);
        let dev = analyze("développeuses")[0].clone();
        assert!(dev.starts_with(&analyze("développements")[0]), "{dev}");
    }
}
