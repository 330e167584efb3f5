//! How the columns and cells of a member list are read: French or English
//! headers whatever their case and accents, the separator the header uses,
//! French dates, lists written in one cell.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::directory::model::ImportField;

/// Case, accents, spaces and punctuation apart: "Adresse e-mail" and
/// "ADRESSE_EMAIL" are one header, "Île de France" and "ile-de-france" one region.
pub(super) fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Headers, folded, and the field they mean. "nom" alone is the full name;
/// beside a "prénom" column it is the family name (see [`guess_mapping`]).
const SYNONYMS: &[(&str, ImportField)] = {
    use ImportField::*;
    &[
        ("compteemail", AccountEmail),
        ("email", AccountEmail),
        ("mail", AccountEmail),
        ("courriel", AccountEmail),
        ("adressemail", AccountEmail),
        ("adresseemail", AccountEmail),
        ("adressecourriel", AccountEmail),
        ("emailaddress", AccountEmail),
        ("nom", FullName),
        ("nomcomplet", FullName),
        ("prenometnom", FullName),
        ("nometprenom", FullName),
        ("name", FullName),
        ("fullname", FullName),
        ("displayname", FullName),
        ("prenom", FirstName),
        ("firstname", FirstName),
        ("givenname", FirstName),
        ("nomdefamille", LastName),
        ("nomdusage", LastName),
        ("lastname", LastName),
        ("surname", LastName),
        ("familyname", LastName),
        ("pronoms", Pronouns),
        ("pronouns", Pronouns),
        ("region", Region),
        ("pays", Country),
        ("country", Country),
        ("groupelocal", LocalGroup),
        ("groupe", LocalGroup),
        ("localgroup", LocalGroup),
        ("group", LocalGroup),
        ("membredepuis", MemberSince),
        ("adhesion", MemberSince),
        ("dateadhesion", MemberSince),
        ("datedadhesion", MemberSince),
        ("membersince", MemberSince),
        ("domaines", Domains),
        ("domaine", Domains),
        ("domains", Domains),
        ("competences", Skills),
        ("competence", Skills),
        ("skills", Skills),
        ("profession", Profession),
        ("metier", Profession),
        ("fonction", Profession),
        ("poste", Profession),
        ("title", Profession),
        ("jobtitle", Profession),
        ("heuresparmois", HoursPerMonth),
        ("hourspermonth", HoursPerMonth),
        ("ouvertauxmissions", OpenToMissions),
        ("langues", Languages),
        ("languages", Languages),
        ("emailcontact", ContactEmail),
        ("emaildecontact", ContactEmail),
        ("contactemail", ContactEmail),
        ("messagerie", Chat),
        ("chat", Chat),
        ("slack", Chat),
        ("telephone", Phone),
        ("tel", Phone),
        ("portable", Phone),
        ("mobile", Phone),
        ("mobilephone", Phone),
        ("phone", Phone),
        ("liens", Links),
        ("links", Links),
        ("siteweb", Links),
        ("webpage", Links),
        ("bio", Bio),
        ("presentation", Bio),
    ]
};

/// The field each header most likely means (`None`: ignore the column).
pub fn guess_mapping(headers: &[String]) -> Vec<Option<ImportField>> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let split_name = folded
        .iter()
        .any(|h| SYNONYMS.contains(&(h.as_str(), ImportField::FirstName)));
    let mut used = HashSet::new();
    folded
        .iter()
        .map(|h| {
            let field = SYNONYMS.iter().find(|(s, _)| s == h).map(|&(_, f)| f)?;
            let field = match field {
                ImportField::FullName if split_name && h == "nom" => ImportField::LastName,
                f => f,
            };
            used.insert(field).then_some(field)
        })
        .collect()
}

/// The separator of a file, from its header line: the most frequent of `;`
/// (French Excel), `,` and tab outside quotes.
pub fn separator(header: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(1);
    if counts[best] == 0 {
        b','
    } else {
        [b';', b',', b'\t'][best]
    }
}

/// A date as French lists write it: 05/03/2021, 5/3/21, 05.03.2021 or 2021-03-05.
pub fn parse_list_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(d);
    }
    // Excel may add a time to a date cell.
    let value = value.split_whitespace().next()?;
    let parts: Vec<&str> = value.split(['/', '.', '-']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4)
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = match (year.len(), number(year)?) {
        // The association is from this century.
        (2, y) => 2000 + y as i32,
        (4, y) => y as i32,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
}

/// Items of a list written in one cell.
pub(super) fn split(v: &str) -> Vec<String> {
    v.split([';', ','])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The entry of `known` that `value` names, whatever its case and accents.
pub(super) fn canonical(value: &str, known: &[impl AsRef<str>]) -> String {
    let folded = fold(value);
    known
        .iter()
        .map(AsRef::as_ref)
        .find(|k| fold(k) == folded)
        .unwrap_or(value)
        .to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Owned strings from literals (the import's tests use it too).
    pub(crate) fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_matched_without_case_accents_or_spacing() {
        use ImportField::*;
        let headers = strings(&["Full name", "E-mail", "Title", "RÉGION", "Notes"]);
        assert_eq!(
            guess_mapping(&headers),
            [
                Some(FullName),
                Some(AccountEmail),
                Some(Profession),
                Some(Region),
                None
            ]
        );
        let french = strings(&[
            "Prénom",
            "Nom",
            "Adresse e-mail",
            "Date d'adhésion",
            "Groupe local",
            "Portable",
        ]);
        assert_eq!(
            guess_mapping(&french),
            [
                Some(FirstName),
                Some(LastName),
                Some(AccountEmail),
                Some(MemberSince),
                Some(LocalGroup),
                Some(Phone)
            ]
        );
        // The second column meaning the same field is left for the administrator.
        assert_eq!(
            guess_mapping(&strings(&["Courriel", "Mail"])),
            [Some(AccountEmail), None]
        );
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses() {
        assert_eq!(separator("Nom;Prénom;\"E-mail, pro\""), b';');
        assert_eq!(separator("Nom,Prénom,E-mail"), b',');
        assert_eq!(separator("Nom\tPrénom"), b'\t');
        assert_eq!(separator("Nom"), b',');
    }

    #[test]
    fn french_dates_are_read_and_impossible_ones_refused() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_list_date("05/03/2021"), day(2021, 3, 5));
        assert_eq!(parse_list_date("5/3/21"), day(2021, 3, 5));
        assert_eq!(parse_list_date("2021-03-05"), day(2021, 3, 5));
        assert_eq!(parse_list_date("05.03.2021 00:00"), day(2021, 3, 5));
        assert_eq!(parse_list_date("31/02/2021"), None);
        assert_eq!(parse_list_date("demain"), None);
    }
}
