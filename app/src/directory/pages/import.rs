//! `/admin/annuaire/import`: members from a CSV file (French Excel,
//! LibreOffice, Outlook or Slack). The browser decodes the file (its
//! encoding detected) and the server checks every row in chunks, so that the
//! bar moves; the administrator maps the columns, chooses what happens to
//! addresses already in the portal, reads what will be rejected and why
//! (grouped by reason), and confirms. Only then is anything written, in one
//! transaction: all of it or nothing. Cancelling before that leaves nothing
//! behind (checking writes nothing).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::accounts::pages::admin::AdminNav;
use crate::directory::api::profiles::import_members;
use crate::directory::model::{ExistingMembers, ImportField, ImportReport, Rejection, IMPORT_MAX_BYTES};
use crate::directory::texts::DirTexts;
use crate::platform::error::AppError;
use crate::platform::i18n::use_i18n;
use crate::platform::ui::feedback::ErrorNote;
use crate::platform::ui::files::{chosen_file, ChosenFile};

/// Rows per check request: small enough for the bar to move, large enough to be quick.
const CHUNK_ROWS: usize = 200;
/// The whole file goes in one request at the end (the server's import route
/// takes bodies that large, unlike the 1 MiB of the other endpoints).
const MAX_FILE: u64 = IMPORT_MAX_BYTES;

/// The records of a CSV text, without blank or empty ones. A quoted field may hold
/// line breaks (and doubled quotes, which toggle twice).
pub fn split_records(text: &str) -> Vec<&str> {
    let mut records = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                records.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    records.push(&text[start..]);
    records
        .into_iter()
        .map(|r| r.strip_suffix('\r').unwrap_or(r))
        // Excel leaves rows of empty cells (";;;;") below a list.
        .filter(|r| {
            !r.chars()
                .all(|c| c.is_whitespace() || matches!(c, ';' | ',' | '"'))
        })
        .collect()
}

/// The file as read: its header line and its rows.
#[derive(Clone, Default)]
struct Source {
    name: String,
    encoding: &'static str,
    header: String,
    rows: Vec<String>,
}

impl Source {
    fn csv(&self, rows: &[String]) -> String {
        format!("{}\n{}", self.header, rows.join("\n"))
    }
}

#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    Checking,
    Checked,
    Confirming,
    Importing,
    Done(ImportReport),
}

/// What the checks found so far, over the whole file.
#[derive(Clone, Default)]
struct Tally {
    /// Rows sent for checking.
    done: u64,
    found: ImportReport,
}

#[component]
pub fn DirectoryImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let step = RwSignal::new(Step::Choose);
    let source = StoredValue::new(Source::default());
    // Headers, targets, the server's guess and the first rows.
    let preview = RwSignal::new(None::<ImportReport>);
    let mapping = RwSignal::new(Vec::<Option<ImportField>>::new());
    let existing = RwSignal::new(ExistingMembers::default());
    let tally = RwSignal::new(Tally::default());
    let error = RwSignal::new(None::<AppError>);
    // Each run of checks has its number; cancelling moves it on, and a run
    // that finds a newer number stops.
    let run = RwSignal::new(0u64);

    let check = move |explicit: Option<Vec<Option<ImportField>>>| {
        let me = run.get_untracked() + 1;
        run.set(me);
        error.set(None);
        tally.set(Tally::default());
        step.set(Step::Checking);
        spawn_local(async move {
            let src = source.get_value();
            // Without a mapping, the server guesses it the same way for every chunk.
            let guessed = explicit.is_none();
            for (n, chunk) in src.rows.chunks(CHUNK_ROWS).enumerate() {
                let found = import_members(src.csv(chunk), explicit.clone(), None, false).await;
                if run.get_untracked() != me {
                    return;
                }
                let report = match found {
                    Ok(report) => report,
                    Err(e) => {
                        error.set(Some(e));
                        step.set(Step::Checked);
                        return;
                    }
                };
                if guessed && n == 0 {
                    mapping.set(report.mapping.clone());
                    preview.set(Some(report.clone()));
                }
                let offset = (n * CHUNK_ROWS) as u64;
                tally.update(|t| {
                    t.done += chunk.len() as u64;
                    t.found.absorb(report, offset);
                });
            }
            step.set(Step::Checked);
        });
    };

    let cancel = move || {
        run.update(|r| *r += 1);
        source.set_value(Source::default());
        preview.set(None);
        mapping.set(Vec::new());
        tally.set(Tally::default());
        error.set(None);
        step.set(Step::Choose);
    };

    let load = move |file: ChosenFile| {
        error.set(None);
        if file.size > MAX_FILE {
            error.set(Some(AppError::PayloadTooLarge));
            return;
        }
        spawn_local(async move {
            let (text, encoding) = match file.text().await {
                Ok(read) => read,
                Err(e) => return error.set(Some(e)),
            };
            let text = text.trim_start_matches('\u{feff}');
            let mut records = split_records(text).into_iter().map(str::to_string);
            let header = records.next().unwrap_or_default();
            let rows: Vec<String> = records.collect();
            if rows.is_empty() {
                return error.set(Some(AppError::field("file", "empty", "")));
            }
            source.set_value(Source {
                name: file.name,
                encoding: encoding.label(),
                header,
                rows,
            });
            check(None);
        });
    };

    let commit = move || {
        step.set(Step::Importing);
        error.set(None);
        spawn_local(async move {
            let src = source.get_value();
            let (columns, policy) = (mapping.get_untracked(), existing.get_untracked());
            match import_members(src.csv(&src.rows), Some(columns), Some(policy), true).await {
                Ok(report) => step.set(Step::Done(report)),
                Err(e) => {
                    error.set(Some(e));
                    step.set(Step::Checked);
                }
            }
        });
    };

    let total = move || source.with_value(|s| s.rows.len() as u64);
    view! {
        <AdminNav />
        <h2>{move || i18n.tr::<DirTexts>().import_title}</h2>
        <p>
            <a href="/admin/annuaire">{move || i18n.tr::<DirTexts>().import_back}</a>
        </p>
        {move || {
            error
                .get()
                .map(|e| {
                    let message = match &e {
                        AppError::PayloadTooLarge => i18n.tr::<DirTexts>().import_too_big,
                        AppError::Validation { fields } if fields.iter().any(|f| f.code == "empty") => {
                            i18n.tr::<DirTexts>().import_empty
                        }
                        AppError::Validation { fields } if fields.iter().any(|f| f.field == "mapping") => {
                            i18n.tr::<DirTexts>().import_mapping_needed
                        }
                        _ => "",
                    };
                    if message.is_empty() {
                        view! { <ErrorNote error=e /> }.into_any()
                    } else {
                        view! {
                            <p class="alert error" role="alert">
                                {message}
                            </p>
                        }
                            .into_any()
                    }
                })
        }}
        {move || match step.get() {
            Step::Choose => {
                view! {
                    <section class="card stack">
                        <label for="import-file">{move || i18n.tr::<DirTexts>().import_choose}</label>
                        <input
                            id="import-file"
                            type="file"
                            accept=".csv,.txt,text/csv,text/plain"
                            on:change=move |ev| {
                                if let Some(file) = chosen_file(&ev) {
                                    load(file);
                                }
                            }
                        />
                        <p class="muted">{move || i18n.tr::<DirTexts>().import_help}</p>
                    </section>
                }
                    .into_any()
            }
            Step::Importing => {
                view! {
                    <section class="card stack" aria-busy="true">
                        <progress
                            class="import-progress"
                            aria-label={move || i18n.tr::<DirTexts>().import_running}
                        ></progress>
                        <p role="status">{move || i18n.tr::<DirTexts>().import_running}</p>
                    </section>
                }
                    .into_any()
            }
            Step::Done(report) => {
                view! {
                    <section class="card stack">
                        <p class="alert success" role="status">
                            {move || (i18n.tr::<DirTexts>().import_done)(report.imported, report.completed)}
                        </p>
                        <Rejections groups=report.rejected.clone() />
                        <div class="actions">
                            <button type="button" class="secondary" on:click=move |_| cancel()>
                                {move || i18n.tr::<DirTexts>().import_again}
                            </button>
                            <a href="/annuaire">{move || i18n.tr::<DirTexts>().title}</a>
                        </div>
                    </section>
                }
                    .into_any()
            }
            current => {
                let checking = current == Step::Checking;
                let confirming = current == Step::Confirming;
                view! {
                    <section class="card stack">
                        <p>
                            <strong>{source.with_value(|s| s.name.clone())}</strong>
                            " "
                            <span class="muted">
                                {move || (i18n
                                    .tr::<DirTexts>()
                                    .import_read_as)(source.with_value(|s| s.encoding))}
                            </span>
                        </p>
                        <progress
                            class="import-progress"
                            max=move || total().to_string()
                            value=move || tally.with(|t| t.done).to_string()
                            aria-label={move || i18n.tr::<DirTexts>().import_progress}
                        ></progress>
                        <p role="status" id="import-status">
                            {move || (i18n.tr::<DirTexts>().import_checked)(tally.with(|t| t.done), total())}
                            " — "
                            {move || {
                                tally
                                    .with(|t| (i18n
                                        .tr::<DirTexts>()
                                        .import_counts)(
                                        t.found.valid,
                                        t.found.existing,
                                        t.found.rejected_rows,
                                    ))
                            }}
                        </p>
                        {move || {
                            preview
                                .get()
                                .map(|p| {
                                    view! { <Mapping preview=p mapping on_change=move |m| check(Some(m)) /> }
                                })
                        }}
                        <ExistingChoice existing />
                        {move || view! { <Rejections groups=tally.with(|t| t.found.rejected.clone()) /> }}
                        {if confirming {
                            view! {
                                <div class="alert info stack">
                                    <p>
                                        {move || (i18n
                                            .tr::<DirTexts>()
                                            .import_confirm_text)(tally.with(|t| t.found.valid))}
                                    </p>
                                    <div class="actions">
                                        <button type="button" class="primary" on:click=move |_| commit()>
                                            {move || i18n.tr::<DirTexts>().import_confirm}
                                        </button>
                                        <button type="button" class="secondary" on:click=move |_| cancel()>
                                            {move || i18n.tr::<DirTexts>().import_cancel}
                                        </button>
                                    </div>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! {
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="primary"
                                        disabled=move || {
                                            checking || tally.with(|t| t.found.valid == 0)
                                                || error.with(|e| e.is_some())
                                        }
                                        on:click=move |_| step.set(Step::Confirming)
                                    >
                                        {move || (i18n
                                            .tr::<DirTexts>()
                                            .import_go)(tally.with(|t| t.found.valid))}
                                    </button>
                                    <button type="button" class="secondary" on:click=move |_| cancel()>
                                        {move || i18n.tr::<DirTexts>().import_cancel}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }}
                    </section>
                }
                    .into_any()
            }
        }}
    }
}

/// The columns of the file, each with the field it fills (one select per
/// column), above the first rows as read.
#[component]
fn Mapping<F>(
    preview: ImportReport,
    mapping: RwSignal<Vec<Option<ImportField>>>,
    on_change: F,
) -> impl IntoView
where
    F: Fn(Vec<Option<ImportField>>) + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <h3>{move || i18n.tr::<DirTexts>().import_mapping}</h3>
        <div class="table-wrap">
            <table class="import-mapping">
                <thead>
                    <tr>
                        {preview
                            .headers
                            .iter()
                            .map(|h| view! { <th scope="col">{h.clone()}</th> })
                            .collect_view()}
                    </tr>
                    <tr>
                        {preview
                            .headers
                            .iter()
                            .enumerate()
                            .map(|(col, header)| {
                                let label = (i18n.tr::<DirTexts>().import_column)(header);
                                let current = move || mapping.with(|m| m.get(col).copied().flatten());
                                view! {
                                    <td>
                                        <select
                                            aria-label=label
                                            on:change=move |ev| {
                                                let value = ImportField::from_code(&event_target_value(&ev));
                                                mapping
                                                    .update(|m| {
                                                        if let Some(slot) = m.get_mut(col) {
                                                            *slot = value;
                                                        }
                                                    });
                                                on_change(mapping.get_untracked());
                                            }
                                        >
                                            <option value="" selected=move || current().is_none()>
                                                {move || i18n.tr::<DirTexts>().import_ignore}
                                            </option>
                                            {ImportField::ALL
                                                .into_iter()
                                                .map(|field| {
                                                    view! {
                                                        <option
                                                            value=field.code()
                                                            selected=move || current() == Some(field)
                                                        >
                                                            {move || i18n.tr::<DirTexts>().import_target(field)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </td>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {preview
                        .preview
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What becomes of rows whose address already has an account.
#[component]
fn ExistingChoice(existing: RwSignal<ExistingMembers>) -> impl IntoView {
    let i18n = use_i18n();
    let option = move |value: ExistingMembers, label: fn(&DirTexts) -> &'static str| {
        view! {
            <label class="inline">
                <input
                    type="radio"
                    name="import-existing"
                    prop:checked=move || existing.get() == value
                    on:change=move |_| existing.set(value)
                />
                {move || label(i18n.tr::<DirTexts>())}
            </label>
        }
    };
    view! {
        <fieldset class="stack">
            <legend>{move || i18n.tr::<DirTexts>().import_existing}</legend>
            {option(ExistingMembers::Complete, |t| t.import_complete)}
            {option(ExistingMembers::Skip, |t| t.import_skip)}
        </fieldset>
    }
}

/// Lines listed per reason, beyond which "…" says there are more.
const LINES_SHOWN: usize = 30;

/// The rows that will not be (or were not) imported, grouped by reason:
/// "12 lignes — sans adresse e-mail : 4, 18, …".
#[component]
fn Rejections(groups: Vec<Rejection>) -> impl IntoView {
    let i18n = use_i18n();
    (!groups.is_empty()).then(|| {
        view! {
            <h3>{move || i18n.tr::<DirTexts>().import_rejected}</h3>
            <ul class="plain-list import-rejected">
                {groups
                    .into_iter()
                    .map(|group| {
                        let mut lines: Vec<String> = group
                            .lines
                            .iter()
                            .take(LINES_SHOWN)
                            .map(u64::to_string)
                            .collect();
                        if group.lines.len() > LINES_SHOWN {
                            lines.push("…".into());
                        }
                        let (count, reason) = (group.lines.len(), group.reason);
                        view! {
                            <li>
                                <strong>
                                    {move || (i18n.tr::<DirTexts>().import_group)(count, &reason)}
                                </strong>
                                " "
                                {lines.join(", ")}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::split_records;

    #[test]
    fn records_keep_quoted_line_breaks_and_drop_blank_lines() {
        let text = "nom,bio\r\nLéa,\"Deux\nlignes, et des \"\"guillemets\"\"\"\n\nMax,court\n;\t;\r\n";
        assert_eq!(
            split_records(text),
            [
                "nom,bio",
                "Léa,\"Deux\nlignes, et des \"\"guillemets\"\"\"",
                "Max,court"
            ]
        );
    }
}
