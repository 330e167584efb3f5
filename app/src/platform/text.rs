//! Search terms, as the directory and the needs register match them: French
//! stemming, accent folding, stop words. A text's terms are its words and
//! their stems; a typed word matches a term it begins, as typed or stemmed,
//! so that results follow as one types ("informatiq" is no stem of
//! "informatique", "informat", but begins the word).

use std::sync::LazyLock;

// ----- Text -------------------------------------------------------------------

static STEMMER: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French));

/// Words too common to narrow a search.
const STOP_WORDS: [&str; 22] = [
    "a", "au", "aux", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour",
    "sur", "un", "une", "the", "of", "and",
];

/// The words of `text`: lower case, accents folded, stop words dropped.
fn words(text: &str) -> Vec<String> {
    deunicode::deunicode(&text.to_lowercase())
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// The stems of `text`'s words ("Développements" and "developpeur" share
/// the stem "developp").
#[cfg(test)]
fn analyze(text: &str) -> Vec<String> {
    words(text).iter().map(|w| STEMMER.stem(w).into_owned()).collect()
}

/// What one typed word matches: its folded form or its stem, each as the
/// beginning of a term.
pub struct Typed {
    word: String,
    stem: String,
}

impl Typed {
    /// The two beginnings a term may have to match this word.
    pub fn prefixes(&self) -> [&str; 2] {
        [&self.word, &self.stem]
    }
}

/// The words typed in a search box.
pub fn typed(text: &str) -> Vec<Typed> {
    words(text)
        .into_iter()
        .map(|word| Typed {
            stem: STEMMER.stem(&word).into_owned(),
            word,
        })
        .collect()
}

/// The words of `text` and their stems, sorted and each once, for
/// `begins_all`: a word being typed ("communic") begins the whole word
/// ("communication") though not its stem ("commun"); a word typed whole in
/// another form ("historiques") shares its stem ("histor").
pub fn term_set(text: &str) -> Box<[String]> {
    let words = words(text);
    let stems = words.iter().map(|w| STEMMER.stem(w).into_owned());
    let mut terms: Vec<String> = stems.chain(words.iter().cloned()).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.into_boxed_slice()
}

/// Whether each `typed` word begins one of `terms` (a `term_set`).
pub fn begins_all(terms: &[String], typed: &[Typed]) -> bool {
    let begins = |t: &str| {
        let at = terms.partition_point(|term| term.as_str() < t);
        terms.get(at).is_some_and(|term| term.starts_with(t))
    };
    typed.iter().all(|t| t.prefixes().into_iter().any(begins))
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

    #[test]
    fn typed_words_match_as_one_types_and_in_any_form() {
        let terms = term_set("Outil de communication interne sans limite d'historique");
        for text in [
            "communic",
            "Outils historiques",
            "COMMUNICATION interne",
            "",
            "de la",
        ] {
            assert!(begins_all(&terms, &typed(text)), "{text}");
        }
        assert!(!begins_all(&terms, &typed("communication région")));
    }
}
