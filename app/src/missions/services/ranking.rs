//! "For you": how well a card fits a member (skills, then domains, then
//! region, and the hours they can give).

use serde::Deserialize;

use super::cards::CardRow;
use crate::missions::model::*;
use crate::platform::db::{first, Db};
use crate::platform::error::AppError;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Profile {
    pub(super) region: Option<String>,
    #[serde(default)]
    pub(super) domains: Vec<String>,
    #[serde(default)]
    pub(super) skills: Vec<String>,
    pub(super) hours_per_month: Option<u32>,
}

pub(super) fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// What `card` and the member have in common, and how much it weighs:
/// a shared skill 3, a shared domain 2, the same region 2 (a mission open
/// everywhere 1), and the availability: 4 when the lightest role fits the
/// member's hours a month, 2 when the member gave no hours, 0 when every
/// role asks for more time than they have.
pub(super) fn fit(profile: &Profile, card: &CardRow) -> (u32, MissionFit) {
    let wanted: Vec<&String> = card.roles.iter().flat_map(|r| &r.skills).collect();
    let skills: Vec<String> = profile
        .skills
        .iter()
        .filter(|s| wanted.iter().any(|w| same(w, s)))
        .cloned()
        .collect();
    let domains: Vec<String> = profile
        .domains
        .iter()
        .filter(|d| card.domains.iter().any(|w| same(w, d)))
        .cloned()
        .collect();
    let same_region = !card.region.is_empty() && profile.region.as_deref() == Some(card.region.as_str());
    let region = match (same_region, card.region.is_empty()) {
        (true, _) => 2,
        (false, true) => 1,
        _ => 0,
    };
    let lightest = card.roles.iter().map(|r| commitment_hours(&r.commitment)).min();
    let availability = match (profile.hours_per_month, lightest) {
        (None, _) | (_, None) => "unknown",
        (Some(hours), Some(needed)) if hours >= needed => "fits",
        _ => "too_much",
    };
    let time = match availability {
        "fits" => 4,
        "unknown" => 2,
        _ => 0,
    };
    let score = 3 * skills.len() as u32 + 2 * domains.len() as u32 + region + time;
    let fit = MissionFit {
        skills,
        domains,
        same_region,
        availability: availability.to_string(),
    };
    (score, fit)
}

pub(super) async fn profile(db: &Db, user_id: &str) -> Result<Profile, AppError> {
    let mut resp = db
        .query("SELECT region, domains, skills, hours_per_month FROM type::record('user', $id)")
        .bind(("id", user_id.to_string()))
        .await?
        .check()?;
    Ok(first(&mut resp, 0)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(region: &str, skills: &[&str], domains: &[&str]) -> CardRow {
        CardRow {
            id: "m".into(),
            title: "t".into(),
            kind: MissionKind::MissionShifter,
            status: MissionStatus::Approved,
            version: 1,
            pilots: String::new(),
            board_referent: String::new(),
            tsp_referent: String::new(),
            what: String::new(),
            timing: String::new(),
            deliverables: String::new(),
            staffing: String::new(),
            region: region.into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            needs: vec![],
            roles: vec![MissionRole {
                role: "contributor".into(),
                places: 2,
                skills: skills.iter().map(|s| s.to_string()).collect(),
                commitment: "light".into(),
                duration: String::new(),
            }],
            deliverables_done: String::new(),
            pilot_ids: vec![],
            pilot_names: vec![],
            referent_id: None,
            series: String::new(),
            proposer: None,
            referent_name: None,
            submitted_at: None,
        }
    }

    fn score(me: &Profile, card: &CardRow) -> u32 {
        fit(me, card).0
    }

    fn with_commitment(mut card: CardRow, commitment: &str) -> CardRow {
        card.roles[0].commitment = commitment.into();
        card
    }

    #[test]
    fn the_fit_weighs_skills_then_domains_then_region() {
        let me = Profile {
            region: Some("Bretagne".into()),
            domains: vec!["Numérique".into()],
            skills: vec!["Data".into(), "Rédaction".into()],
            hours_per_month: None,
        };
        // No hours given: every mission gets the same 2 for availability.
        let by_skill = score(&me, &card("Occitanie", &["data"], &[]));
        let by_domain = score(&me, &card("Occitanie", &[], &["Numérique"]));
        let by_region = score(&me, &card("Bretagne", &[], &[]));
        let anywhere = score(&me, &card("", &[], &[]));
        // A shared skill outweighs a shared domain, which equals the same region.
        assert_eq!((by_skill, by_domain, by_region, anywhere), (5, 4, 4, 3));
        assert_eq!(score(&me, &card("Occitanie", &["Juridique"], &[])), 2);
        let (_, why) = fit(&me, &card("Bretagne", &["data", "Juridique"], &["numérique"]));
        assert_eq!(why.skills, ["Data"]);
        assert_eq!(why.domains, ["Numérique"]);
        assert!(why.same_region);
        assert_eq!(why.availability, "unknown");
    }

    #[test]
    fn a_mission_that_fits_the_members_hours_ranks_higher() {
        let few = Profile {
            skills: vec!["Data".into()],
            hours_per_month: Some(5),
            ..Profile::default()
        };
        let light = with_commitment(card("", &["Data"], &[]), "light");
        let strong = with_commitment(card("", &["Data"], &[]), "strong");
        assert_eq!(fit(&few, &light).1.availability, "fits");
        assert_eq!(fit(&few, &strong).1.availability, "too_much");
        assert!(score(&few, &light) > score(&few, &strong));
        // With time enough, both fit and score alike.
        let many = Profile {
            hours_per_month: Some(40),
            ..few
        };
        assert_eq!(score(&many, &light), score(&many, &strong));
        // A role at the edge of the band fits: 20 h a month is 5 h a week.
        let edge = Profile {
            hours_per_month: Some(20),
            ..Profile::default()
        };
        assert_eq!(fit(&edge, &strong).1.availability, "fits");
    }

    #[test]
    fn the_lightest_role_decides_the_availability() {
        let me = Profile {
            hours_per_month: Some(8),
            ..Profile::default()
        };
        let mut both = with_commitment(card("", &[], &[]), "strong");
        both.roles.push(MissionRole {
            role: "contributor".into(),
            places: 1,
            skills: vec![],
            commitment: "regular".into(),
            duration: String::new(),
        });
        assert_eq!(fit(&me, &both).1.availability, "fits");
        both.roles.clear();
        assert_eq!(fit(&me, &both).1.availability, "unknown");
    }
}
