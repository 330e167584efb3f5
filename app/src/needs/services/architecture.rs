//! The architecture catalogue (components), the solutions proposed for
//! needs, the board's decisions, and the consistency check between them.

use serde::Deserialize;

use crate::accounts::model::CurrentUser;
use crate::needs::model::{Component, ComponentRef, ComponentStatus, ConsistencyFlag, Decision, FlagProblem};
use crate::needs::model::{NeedAction, NeedRef, NeedStatus, Solution, SolutionInput, SolutionStatus};
use crate::needs::services::move_status;
use crate::platform::db::{changed_or, check_key, rows, Db};
use crate::platform::error::{check_code, check_text, validated, AppError, FieldError};
use crate::platform::outbox::Outbound;
use crate::platform::said::said;

#[derive(Debug, Deserialize)]
struct ComponentRow {
    id: String,
    name: String,
    purpose: String,
    description: String,
    status: ComponentStatus,
    hosting: String,
    free_software: bool,
    european: bool,
    yearly_cost: u64,
    alternatives: String,
}

impl From<ComponentRow> for Component {
    fn from(r: ComponentRow) -> Self {
        Component {
            id: Some(r.id),
            name: r.name,
            purpose: r.purpose,
            description: r.description,
            status: r.status,
            hosting: r.hosting,
            free_software: r.free_software,
            european: r.european,
            yearly_cost: r.yearly_cost,
            alternatives: r.alternatives,
        }
    }
}

/// The whole catalogue, by name.
pub async fn components(db: &Db) -> Result<Vec<Component>, AppError> {
    let mut resp = db
        .query(
            "SELECT record::id(id) AS id, name, purpose, description, status, hosting, free_software,
                 european, yearly_cost, alternatives, name_key FROM component ORDER BY name_key ASC",
        )
        .await?
        .check()?;
    Ok(rows::<ComponentRow>(&mut resp, 0)?
        .into_iter()
        .map(Component::from)
        .collect())
}

/// Adds a component (no id) or changes one; answers its id.
pub async fn save_component(db: &Db, c: &Component) -> Result<String, AppError> {
    let categories = crate::needs::services::categories(db).await?;
    let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
    let mut errors = Vec::new();
    check_text(&mut errors, "name", &c.name, true, 120);
    check_code(&mut errors, "purpose", &c.purpose, &codes);
    check_text(&mut errors, "description", &c.description, false, 2000);
    check_text(&mut errors, "hosting", &c.hosting, false, 200);
    check_text(&mut errors, "alternatives", &c.alternatives, false, 500);
    if c.yearly_cost > 10_000_000 {
        errors.push(FieldError {
            field: "yearly_cost".into(),
            code: "invalid".into(),
            message: said("Dix millions d'euros au plus.", "Ten million euros at most."),
        });
    }
    validated(errors)?;
    if let Some(id) = &c.id {
        check_key(id)?;
    }
    let name_key = c.name.trim().to_lowercase();
    let mut resp = db
        .query(
            "SELECT VALUE record::id(id) FROM component WHERE name_key = $key;
             IF $id = NONE { [] } ELSE { SELECT VALUE record::id(id) FROM component WHERE id = type::record('component', $id) };",
        )
        .bind(("key", name_key))
        .bind(("id", c.id.clone()))
        .await?
        .check()?;
    let same_name: Vec<String> = resp.take(0)?;
    let existing: Vec<String> = resp.take(1)?;
    if c.id.is_some() && existing.is_empty() {
        return Err(AppError::NotFound);
    }
    if same_name.iter().any(|other| Some(other) != c.id.as_ref()) {
        return Err(AppError::field(
            "name",
            "invalid",
            &said(
                "Un composant porte déjà ce nom.",
                "A component already has this name.",
            ),
        ));
    }
    let fields = serde_json::json!({
        "name": c.name.trim(), "purpose": c.purpose, "description": c.description.trim(),
        "status": c.status, "hosting": c.hosting.trim(), "free_software": c.free_software,
        "european": c.european, "yearly_cost": c.yearly_cost, "alternatives": c.alternatives.trim(),
    });
    let sql = if c.id.is_some() {
        "UPDATE ONLY type::record('component', $id) MERGE $fields RETURN VALUE record::id(id)"
    } else {
        "CREATE ONLY component CONTENT $fields RETURN VALUE record::id(id)"
    };
    let mut resp = db
        .query(sql)
        .bind(("id", c.id.clone().unwrap_or_default()))
        .bind(("fields", fields))
        .await?
        .check()?;
    let id: Option<String> = resp.take(0)?;
    id.ok_or(AppError::Internal)
}

/// The catalogue as the consistency check reads it.
pub struct Catalogue {
    components: Vec<Component>,
}

/// Lowercase, without what is in brackets: "Slack (offre gratuite)" is Slack.
fn normalise(name: &str) -> String {
    let base = name.split('(').next().unwrap_or(name);
    base.trim().to_lowercase()
}

/// The tools named in a free text ("Excel, Outlook" names two).
pub fn tool_names(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '+'])
        .flat_map(|part| part.split(" et "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Catalogue {
    pub async fn load(db: &Db) -> Result<Catalogue, AppError> {
        Ok(Catalogue {
            components: components(db).await?,
        })
    }

    /// The component a tool name stands for ("Google Form" finds "Google Forms").
    fn find(&self, tool: &str) -> Option<&Component> {
        let tool = normalise(tool);
        if tool.is_empty() {
            return None;
        }
        self.components
            .iter()
            .find(|c| normalise(&c.name) == tool)
            .or_else(|| {
                self.components.iter().find(|c| {
                    let name = normalise(&c.name);
                    name.starts_with(&tool) || tool.starts_with(&name)
                })
            })
    }

    /// Adopted components serving one of `purposes`.
    fn adopted_for(&self, purposes: &[&str]) -> Vec<String> {
        self.components
            .iter()
            .filter(|c| c.status == ComponentStatus::Adopted && purposes.contains(&c.purpose.as_str()))
            .map(|c| c.name.clone())
            .collect()
    }

    fn flag(&self, tool: &str, component: Option<&Component>, purposes: &[&str]) -> Option<ConsistencyFlag> {
        let problem = match component.map(|c| c.status) {
            None => FlagProblem::UnknownTool,
            Some(ComponentStatus::Adopted) => return None,
            Some(ComponentStatus::Trial) => FlagProblem::Trial,
            Some(ComponentStatus::Retired) => FlagProblem::Retired,
            Some(ComponentStatus::Refused) => FlagProblem::Refused,
        };
        let mut purposes = purposes.to_vec();
        if let Some(c) = component {
            purposes.push(&c.purpose);
        }
        Some(ConsistencyFlag {
            tool: component.map_or_else(|| tool.to_string(), |c| c.name.clone()),
            problem,
            suggestions: self.adopted_for(&purposes),
        })
    }

    /// Flags every named tool that is not an adopted component.
    pub fn check_tools(&self, tools: &[String], purposes: &[&str]) -> Vec<ConsistencyFlag> {
        tools
            .iter()
            .filter_map(|t| self.flag(t, self.find(t), purposes))
            .collect()
    }

    /// Flags the components of a solution that are not adopted, and its
    /// other tools that are not adopted components.
    fn check_solution(
        &self,
        component_ids: &[String],
        tools: &str,
        purposes: &[&str],
    ) -> Vec<ConsistencyFlag> {
        let mut flags: Vec<ConsistencyFlag> = component_ids
            .iter()
            .filter_map(|id| self.components.iter().find(|c| c.id.as_ref() == Some(id)))
            .filter_map(|c| self.flag(&c.name, Some(c), purposes))
            .collect();
        flags.extend(self.check_tools(&tool_names(tools), purposes));
        flags
    }
}

fn validate_solution(s: &SolutionInput) -> Result<(), AppError> {
    let mut errors = Vec::new();
    check_text(&mut errors, "title", &s.title, true, 200);
    check_text(&mut errors, "tools", &s.tools, false, 500);
    check_text(&mut errors, "rationale", &s.rationale, true, 10_000);
    let mut bad = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.into(),
            code: "invalid".into(),
            message: message.into(),
        })
    };
    if s.need_ids.is_empty() {
        bad(
            "need_ids",
            &said("Choisissez au moins un besoin.", "Choose at least one need."),
        );
    }
    if !(1..=5).contains(&s.complexity) {
        bad("complexity", &said("De 1 à 5.", "From 1 to 5."));
    }
    if s.cost_once > 10_000_000 {
        bad(
            "cost_once",
            &said("Dix millions d'euros au plus.", "Ten million euros at most."),
        );
    }
    if s.cost_yearly > 10_000_000 {
        bad(
            "cost_yearly",
            &said("Dix millions d'euros au plus.", "Ten million euros at most."),
        );
    }
    if s.delay_weeks > 520 {
        bad("delay_weeks", &said("Dix ans au plus.", "Ten years at most."));
    }
    validated(errors)
}

/// Proposes a solution (no id) or reworks one that is a draft or sent back;
/// the needs it answers move to "solution proposed". Answers its id.
pub async fn save_solution(db: &Db, user: &CurrentUser, s: &SolutionInput) -> Result<String, AppError> {
    validate_solution(s)?;
    if let Some(id) = &s.id {
        check_key(id)?;
    }
    for id in s.need_ids.iter().chain(&s.component_ids) {
        check_key(id).map_err(|_| {
            AppError::field(
                "need_ids",
                "invalid",
                &said("Identifiant inconnu.", "Unknown identifier."),
            )
        })?;
    }
    let mut resp = db
        .query(
            "SELECT count() AS n FROM need WHERE id IN $needs.map(|$k| type::record('need', $k)) AND merged_into = NONE GROUP ALL;
             SELECT count() AS n FROM component WHERE id IN $components.map(|$k| type::record('component', $k)) GROUP ALL;
             IF $id = NONE { [] } ELSE { SELECT VALUE status FROM solution WHERE id = type::record('solution', $id) };",
        )
        .bind(("needs", s.need_ids.clone()))
        .bind(("components", s.component_ids.clone()))
        .bind(("id", s.id.clone()))
        .await?
        .check()?;
    // Each count of statement `index` must match its distinct ids, else `field` names one unknown.
    let mut all_found =
        |index: usize, ids: &[String], field: &str, message: String| -> Result<(), AppError> {
            let mut ids = ids.to_vec();
            ids.sort();
            ids.dedup();
            if crate::platform::db::count(&mut resp, index)? == ids.len() as u64 {
                Ok(())
            } else {
                Err(AppError::field(field, "invalid", &message))
            }
        };
    all_found(
        0,
        &s.need_ids,
        "need_ids",
        said(
            "Un de ces besoins n'existe pas ou a été fusionné.",
            "One of these needs does not exist or was merged.",
        ),
    )?;
    all_found(
        1,
        &s.component_ids,
        "component_ids",
        said(
            "Un de ces composants n'existe pas.",
            "One of these components does not exist.",
        ),
    )?;
    let status: Vec<String> = resp.take(2)?;
    if s.id.is_some() {
        match status.first() {
            None => return Err(AppError::NotFound),
            Some(code) if SolutionStatus::from_code(code).is_some_and(SolutionStatus::editable) => {}
            Some(_) => {
                return Err(AppError::Conflict {
                    message: said(
                        "Cette solution est devant le CA ou décidée : elle ne change plus.",
                        "This solution is before the board or decided: it no longer changes.",
                    ),
                })
            }
        }
    }
    let fields = serde_json::json!({
        "title": s.title.trim(), "tools": s.tools.trim(), "cost_once": s.cost_once,
        "cost_yearly": s.cost_yearly, "delay_weeks": s.delay_weeks, "complexity": s.complexity,
        "rationale": s.rationale.trim(), "status": SolutionStatus::Draft,
    });
    let sql = if s.id.is_some() {
        "UPDATE ONLY type::record('solution', $id) MERGE object::extend($fields, {
             needs: $needs.map(|$k| type::record('need', $k)),
             components: $components.map(|$k| type::record('component', $k))
         }) RETURN VALUE record::id(id)"
    } else {
        "CREATE ONLY solution CONTENT object::extend($fields, {
             needs: $needs.map(|$k| type::record('need', $k)),
             components: $components.map(|$k| type::record('component', $k)),
             creator: type::record('user', $by)
         }) RETURN VALUE record::id(id)"
    };
    let mut resp = db
        .query(sql)
        .bind(("id", s.id.clone().unwrap_or_default()))
        .bind(("fields", fields))
        .bind(("needs", s.need_ids.clone()))
        .bind(("components", s.component_ids.clone()))
        .bind(("by", user.id.clone()))
        .await?
        .check()?;
    let id: Option<String> = resp.take(0)?;
    let id = id.ok_or(AppError::Internal)?;
    let note = format!("Solution : {}", s.title.trim());
    move_status(
        db,
        user,
        &s.need_ids,
        &[NeedStatus::New, NeedStatus::InAnalysis, NeedStatus::ToRework],
        NeedStatus::SolutionProposed,
        NeedAction::Status,
        &note,
    )
    .await?;
    Ok(id)
}

#[derive(Debug, Deserialize)]
struct SolutionRow {
    id: String,
    title: String,
    needs: Vec<NeedRef>,
    component_ids: Vec<String>,
    purposes: Vec<String>,
    tools: String,
    cost_once: u64,
    cost_yearly: u64,
    delay_weeks: u64,
    complexity: u8,
    rationale: String,
    status: SolutionStatus,
    decision_reason: String,
    decided_by: String,
    decided_at: Option<String>,
    created_by: String,
    /// The account that wrote it, told of the board's decision.
    #[serde(default)]
    creator_id: Option<String>,
}

async fn solution_rows(db: &Db, only: Option<&str>) -> Result<Vec<SolutionRow>, AppError> {
    let filter = if only.is_some() {
        "WHERE id = type::record('solution', $id)"
    } else {
        ""
    };
    let mut resp = db
        .query(format!(
            "SELECT record::id(id) AS id, title, tools, cost_once, cost_yearly, delay_weeks, complexity,
                 rationale, status, decision_reason,
                 (IF decider != NONE THEN decider.display_name ELSE decided_by END) AS decided_by,
                 (IF decided_at = NONE {{ NONE }} ELSE {{ <string> decided_at }}) AS decided_at,
                 (IF creator != NONE THEN creator.display_name ELSE created_by END) AS created_by,
                 (IF creator != NONE THEN record::id(creator) END) AS creator_id,
                 needs.filter(|$n| record::exists($n)).map(|$n| {{ id: record::id($n), title: $n.title, status: $n.status }}) AS needs,
                 components.map(|$c| record::id($c)) AS component_ids,
                 needs.map(|$n| $n.category) AS purposes, created_at
                 FROM solution {filter} ORDER BY created_at DESC"
        ))
        .bind(("id", only.unwrap_or_default().to_string()))
        .await?
        .check()?;
    rows(&mut resp, 0)
}

/// Every solution, newest first, with its consistency flags.
pub async fn solutions(db: &Db) -> Result<Vec<Solution>, AppError> {
    let catalogue = Catalogue::load(db).await?;
    Ok(solution_rows(db, None)
        .await?
        .into_iter()
        .map(|r| {
            let purposes: Vec<&str> = r.purposes.iter().map(String::as_str).collect();
            let flags = catalogue.check_solution(&r.component_ids, &r.tools, &purposes);
            let components = r
                .component_ids
                .iter()
                .filter_map(|id| catalogue.components.iter().find(|c| c.id.as_ref() == Some(id)))
                .map(|c| ComponentRef {
                    id: c.id.clone().unwrap_or_default(),
                    name: c.name.clone(),
                    status: c.status,
                })
                .collect();
            Solution {
                id: r.id,
                title: r.title,
                needs: r.needs,
                components,
                tools: r.tools,
                cost_once: r.cost_once,
                cost_yearly: r.cost_yearly,
                delay_weeks: r.delay_weeks,
                complexity: r.complexity,
                rationale: r.rationale,
                status: r.status,
                decision_reason: r.decision_reason,
                decided_by: r.decided_by,
                decided_at: r.decided_at,
                created_by: r.created_by,
                flags,
            }
        })
        .collect())
}

async fn solution_row(db: &Db, id: &str) -> Result<SolutionRow, AppError> {
    check_key(id)?;
    solution_rows(db, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// Moves the needs `row` answers that are in a status of `from` to `to`,
/// noting `note` in their history; answers the ids of all its needs.
async fn move_needs(
    db: &Db,
    user: &CurrentUser,
    row: &SolutionRow,
    from: &[NeedStatus],
    to: NeedStatus,
    action: NeedAction,
    note: &str,
) -> Result<Vec<String>, AppError> {
    let ids: Vec<String> = row.needs.iter().map(|n| n.id.clone()).collect();
    move_status(db, user, &ids, from, to, action, note).await?;
    Ok(ids)
}

/// Puts a draft (or reworked) solution before the board; its needs move to
/// "submitted". Answers its title, for the audit log.
pub async fn submit_solution(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
) -> Result<String, AppError> {
    let row = solution_row(db, id).await?;
    let mut resp = db
        .query(
            "UPDATE type::record('solution', $id) SET status = 'submitted'
                 WHERE status IN ['draft', 'to_rework'] RETURN VALUE record::id(id)",
        )
        .bind(("id", id.to_string()))
        .await?
        .check()?;
    let already = said(
        "Cette solution est déjà devant le CA ou décidée.",
        "This solution is already before the board or decided.",
    );
    changed_or(&mut resp, 0, AppError::Conflict { message: already })?;
    let note = format!("Solution : {}", row.title);
    move_needs(
        db,
        user,
        &row,
        &[
            NeedStatus::New,
            NeedStatus::InAnalysis,
            NeedStatus::SolutionProposed,
            NeedStatus::ToRework,
        ],
        NeedStatus::Submitted,
        NeedAction::Status,
        &note,
    )
    .await?;
    super::notify::tell_board(db, out, user, &row.title).await?;
    Ok(row.title)
}

/// The board's decision on a submitted solution (accepted, rejected or to
/// rework), with its written reason; the needs follow. Answers its title.
pub async fn decide(
    db: &Db,
    out: &Outbound,
    user: &CurrentUser,
    id: &str,
    decision: &str,
    reason: &str,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "decision", decision, Decision::CODES);
    check_text(&mut errors, "reason", reason, true, 5000);
    validated(errors)?;
    let decision = Decision::from_code(decision).ok_or(AppError::Internal)?;
    let row = solution_row(db, id).await?;
    let mut resp = db
        .query(
            "UPDATE type::record('solution', $id) SET status = $decision, decision_reason = $reason,
                 decider = type::record('user', $by), decided_at = time::now()
                 WHERE status = 'submitted' RETURN VALUE record::id(id)",
        )
        .bind(("id", id.to_string()))
        .bind(("decision", decision.solution_status().code()))
        .bind(("reason", reason.trim().to_string()))
        .bind(("by", user.id.clone()))
        .await?
        .check()?;
    let not_waiting = said(
        "Cette solution n'attend pas de décision du CA.",
        "This solution does not wait for a board decision.",
    );
    changed_or(&mut resp, 0, AppError::Conflict { message: not_waiting })?;
    let note = format!("{} — {}", row.title, reason.trim());
    let ids = move_needs(
        db,
        user,
        &row,
        &[NeedStatus::Submitted],
        decision.need_status(),
        NeedAction::Decision,
        &note,
    )
    .await?;
    super::notify::tell_author(
        db,
        out,
        row.creator_id.clone(),
        &row.title,
        decision.solution_status().code(),
        reason,
    )
    .await?;
    super::notify::tell_followers(db, out, user, &ids, decision.need_status(), reason).await?;
    Ok(row.title)
}

/// Needs answered by an accepted solution whose components are all adopted
/// and whose other tools are adopted components.
pub async fn covered_need_ids(db: &Db) -> Result<Vec<String>, AppError> {
    let catalogue = Catalogue::load(db).await?;
    let mut covered = Vec::new();
    for r in solution_rows(db, None).await? {
        if r.status == SolutionStatus::Accepted
            && catalogue
                .check_solution(&r.component_ids, &r.tools, &[])
                .is_empty()
        {
            covered.extend(r.needs.into_iter().map(|n| n.id));
        }
    }
    Ok(covered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(name: &str, purpose: &str, status: ComponentStatus) -> Component {
        Component {
            id: Some(name.to_lowercase()),
            name: name.into(),
            purpose: purpose.into(),
            description: String::new(),
            status,
            hosting: String::new(),
            free_software: false,
            european: false,
            yearly_cost: 0,
            alternatives: String::new(),
        }
    }

    #[test]
    fn tools_not_adopted_are_flagged_with_adopted_alternatives() {
        let catalogue = Catalogue {
            components: vec![
                component("Slack", "internal_communication", ComponentStatus::Retired),
                component("Mattermost", "internal_communication", ComponentStatus::Adopted),
                component("Google Forms", "forms", ComponentStatus::Refused),
                component("Framaforms", "forms", ComponentStatus::Adopted),
            ],
        };
        assert_eq!(tool_names("Excel, Outlook"), ["Excel", "Outlook"]);
        let flags = catalogue.check_tools(&tool_names("Slack (offre gratuite)"), &["internal_communication"]);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].problem, FlagProblem::Retired);
        assert_eq!(flags[0].suggestions, ["Mattermost"]);
        let flags = catalogue.check_tools(&tool_names("Google Form"), &[]);
        assert_eq!(
            (flags[0].tool.as_str(), flags[0].problem),
            ("Google Forms", FlagProblem::Refused)
        );
        assert_eq!(flags[0].suggestions, ["Framaforms"]);
        assert!(catalogue.check_tools(&tool_names("Mattermost"), &[]).is_empty());
        assert_eq!(
            catalogue.check_tools(&tool_names("Tableurs"), &[])[0].problem,
            FlagProblem::UnknownTool
        );
    }
}
