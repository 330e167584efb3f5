//! What the register gives out: exports (Markdown, CSV defused against
//! formulas) and the dashboard's counts.

use crate::needs::services::architecture;
use crate::platform::said::{request_lang, said};

use super::register::{categories, category_codes, search};
use crate::needs::model::{ExportFile, ExportFormat, NeedCategory, NeedItem, NeedQuery, NeedsDashboard};
use crate::needs::model::{NeedOrigin, NeedPriority, NeedStatus};
use crate::platform::db::Db;
use crate::platform::error::{check_code, validated, AppError};

/// The prioritised specification of the needs `query` selects, grouped by
/// MoSCoW priority then category, as Markdown or CSV (French).
pub async fn export(db: &Db, query: &NeedQuery, format: &str) -> Result<ExportFile, AppError> {
    let mut errors = Vec::new();
    check_code(&mut errors, "format", format, ExportFormat::CODES);
    validated(errors)?;
    let needs = search(db, query).await?;
    let categories = categories(db).await?;
    let grouped = group(needs, &categories);
    Ok(if ExportFormat::from_code(format) == Some(ExportFormat::Csv) {
        ExportFile {
            filename: "cahier-des-charges-besoins.csv".into(),
            mime: "text/csv".into(),
            content: to_csv(&grouped),
        }
    } else {
        ExportFile {
            filename: "cahier-des-charges-besoins.md".into(),
            mime: "text/markdown".into(),
            content: to_markdown(&grouped),
        }
    })
}

/// Needs in MoSCoW order, then category order (the admins' order), then
/// most supported first; each with its category's label in the caller's language.
pub(super) fn group(mut needs: Vec<NeedItem>, categories: &[NeedCategory]) -> Vec<(NeedItem, String)> {
    let position = |code: &str| {
        categories
            .iter()
            .position(|c| c.code == code)
            .unwrap_or(categories.len())
    };
    needs.sort_by(|a, b| {
        a.priority
            .cmp(&b.priority)
            .then(position(&a.category).cmp(&position(&b.category)))
            .then(b.support_count.cmp(&a.support_count))
    });
    needs
        .into_iter()
        .map(|n| {
            let label = categories.iter().find(|c| c.code == n.category).map_or_else(
                || n.category.clone(),
                |c| said(c.label_fr.clone(), c.label_en.clone()),
            );
            (n, label)
        })
        .collect()
}

/// A stored code's label in the caller's language.
pub(super) fn label(code: &str) -> &'static str {
    crate::platform::labels::label(request_lang(), code)
}

pub(super) fn to_markdown(needs: &[(NeedItem, String)]) -> String {
    let mut out = said(
        "# Cahier des charges hiérarchisé — besoins informatiques\n",
        "# Prioritised requirements — IT needs\n",
    );
    if needs.is_empty() {
        out.push_str(&said(
            "\nAucun besoin ne correspond à cette sélection.\n",
            "\nNo need matches this selection.\n",
        ));
    }
    let (mut priority, mut category) = (None, String::new());
    for (n, cat) in needs {
        if priority != Some(n.priority) {
            priority = Some(n.priority);
            category.clear();
            out.push_str(&format!("\n## {}\n", label(n.priority.code())));
        }
        if *cat != category {
            category = cat.clone();
            out.push_str(&format!("\n### {cat}\n\n"));
        }
        let (title, status, origin) = (
            n.title.replace('*', "\\*"),
            label(n.status.code()),
            label(n.origin.code()),
        );
        let (count, plural) = (n.support_count, if n.support_count > 1 { "s" } else { "" });
        let by = if n.origin_name.is_empty() {
            String::new()
        } else {
            format!(" ({})", n.origin_name)
        };
        out.push_str(&said(
            format!("- **{title}** — {status} ; {count} soutien{plural} ; origine : {origin}{by}\n"),
            format!("- **{title}** — {status}; {count} supporter{plural}; origin: {origin}{by}\n"),
        ));
        if !n.current_tool.is_empty() || !n.gap.is_empty() {
            let (tool, gap) = (&n.current_tool, &n.gap);
            out.push_str(&said(
                format!("  - Aujourd'hui : {tool} — manque : {gap}\n"),
                format!("  - Today: {tool} — missing: {gap}\n"),
            ));
        }
    }
    out
}

/// One CSV cell: quoted, and a leading formula sign neutralised so that a
/// spreadsheet never runs what a member typed.
pub(super) fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// French Excel's CSV: `;`, CRLF, and a BOM, without which Excel reads the
/// file in its own code page and breaks the accents.
pub(super) fn to_csv(needs: &[(NeedItem, String)]) -> String {
    let mut out = String::from(
        "\u{feff}priorite;categorie;titre;statut;soutiens;origine;nom_origine;urgence;personnes;outil_actuel;manque\r\n",
    );
    for (n, cat) in needs {
        let cells = [
            cell(label(n.priority.code())),
            cell(cat),
            cell(&n.title),
            cell(label(n.status.code())),
            n.support_count.to_string(),
            cell(label(n.origin.code())),
            cell(&n.origin_name),
            cell(label(n.urgency.code())),
            n.people_affected.to_string(),
            cell(&n.current_tool),
            cell(&n.gap),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Counts by status, origin and category, and the coverage of the open
/// needs by the adopted architecture.
pub async fn dashboard(db: &Db) -> Result<NeedsDashboard, AppError> {
    let needs = search(db, &NeedQuery::default()).await?;
    let by_status = tally(&needs, NeedStatus::ALL.to_vec(), |n| n.status);
    let by_origin = tally(&needs, NeedOrigin::ALL.to_vec(), |n| n.origin);
    let by_category = tally(&needs, category_codes(db).await?, |n| n.category.clone());
    let open: Vec<&NeedItem> = needs
        .iter()
        .filter(|n| n.status != NeedStatus::Rejected && n.priority != NeedPriority::Wont)
        .collect();
    let covered_ids = architecture::covered_need_ids(db).await?;
    let covered = open.iter().filter(|n| covered_ids.contains(&n.id)).count() as u64;
    Ok(NeedsDashboard {
        by_status,
        by_origin,
        by_category,
        total: open.len() as u64,
        covered,
    })
}

/// How many of `needs` have each of `keys`, in the order of `keys`.
fn tally<K: PartialEq>(needs: &[NeedItem], keys: Vec<K>, key: fn(&NeedItem) -> K) -> Vec<(K, u64)> {
    keys.into_iter()
        .map(|k| {
            let n = needs.iter().filter(|n| key(n) == k).count() as u64;
            (k, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "\"'=SUM(A1)\"");
    }

    #[test]
    fn the_csv_starts_with_a_bom_for_excel() {
        let csv = to_csv(&[]);
        assert!(csv.starts_with("\u{feff}priorite;categorie;"), "{csv}");
        assert!(csv.ends_with("manque\r\n"));
    }
}
