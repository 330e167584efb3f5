//! A tiny, safe Markdown subset for member bios: paragraphs, "- " lists,
//! **bold**, *italic* and [text](https://…) links. Everything becomes text
//! nodes and elements built here, never HTML: nothing a member writes can
//! run or restyle the page.

use leptos::prelude::*;

/// One piece of a line.
#[derive(Debug, PartialEq)]
enum Inline {
    Text(String),
    Bold(String),
    Italic(String),
    Link(String, String),
}

fn inline(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let found = if let Some(after) = rest.strip_prefix("**") {
            after
                .find("**")
                .map(|end| (Inline::Bold(after[..end].to_string()), &after[end + 2..]))
        } else if let Some(after) = rest.strip_prefix('*') {
            after
                .find('*')
                .map(|end| (Inline::Italic(after[..end].to_string()), &after[end + 1..]))
        } else if let Some(after) = rest.strip_prefix('[') {
            after.find("](").and_then(|mid| {
                let url_part = &after[mid + 2..];
                url_part.find(')').and_then(|end| {
                    let url = &url_part[..end];
                    let safe = url.starts_with("https://") || url.starts_with("http://");
                    safe.then(|| {
                        (
                            Inline::Link(after[..mid].to_string(), url.to_string()),
                            &url_part[end + 1..],
                        )
                    })
                })
            })
        } else {
            None
        };
        match found {
            Some((piece, after)) if !matches!(&piece, Inline::Bold(s) | Inline::Italic(s) if s.is_empty()) => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                out.push(piece);
                rest = after;
            }
            _ => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
    out
}

fn render_inline(line: &str) -> impl IntoView {
    inline(line)
        .into_iter()
        .map(|piece| match piece {
            Inline::Text(t) => t.into_any(),
            Inline::Bold(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Italic(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Link(t, url) => view! {
                <a href=url rel="nofollow noopener noreferrer">
                    {t}
                </a>
            }
            .into_any(),
        })
        .collect_view()
}

/// The bio, rendered.
#[component]
pub fn Markdown(text: String) -> impl IntoView {
    let blocks: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty())
        .collect();
    view! {
        <div class="markdown">
            {blocks
                .into_iter()
                .map(|block| {
                    let lines: Vec<String> = block.lines().map(str::to_string).collect();
                    let is_list = lines.iter().all(|l| l.starts_with("- ") || l.starts_with("* "));
                    if is_list {
                        view! {
                            <ul>
                                {lines
                                    .into_iter()
                                    .map(|l| view! { <li>{render_inline(&l[2..])}</li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    } else {
                        view! { <p>{render_inline(&lines.join(" "))}</p> }.into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_subset_and_refuses_script_links() {
        assert_eq!(
            inline("a **b** *c* [d](https://e.org)"),
            vec![
                Inline::Text("a ".into()),
                Inline::Bold("b".into()),
                Inline::Text(" ".into()),
                Inline::Italic("c".into()),
                Inline::Text(" ".into()),
                Inline::Link("d".into(), "https://e.org".into()),
            ]
        );
        assert_eq!(
            inline("[x](javascript:alert(1)) <b>"),
            vec![Inline::Text("[x](javascript:alert(1)) <b>".into())]
        );
        assert_eq!(inline("2 * 3"), vec![Inline::Text("2 * 3".into())]);
    }
}
