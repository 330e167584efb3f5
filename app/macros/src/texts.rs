//! `texts!`: one set of texts, read from a TOML file beside the feature:
//! plain texts (`key = ["French", "English"]`), texts made from values
//! (declared in Rust as `key(arg: Type, …)`, their `{arg}` placeholders
//! checked here) and tables of labels (`[key]` sections). Texts that need
//! code are written in Rust after the declarations.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, parenthesized, Attribute, Expr, Ident, LitStr, Pat, Token, Type, Visibility};
use toml::de::{DeTable, DeValue};

syn::custom_keyword!(from);

/// `#[attrs] pub struct Name from "src/area/texts.toml" { fields }`, the
/// braces optional.
pub struct TextsInput {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    file: LitStr,
    fields: Vec<Field>,
}

/// What the Rust side declares.
enum Field {
    /// `name: type = (french, english),`: a text written in code.
    Code {
        attrs: Vec<Attribute>,
        name: Ident,
        ty: Box<Type>,
        fr: Box<Expr>,
        en: Box<Expr>,
    },
    /// `name(arg: Type, …),`: a text of the file made from these values.
    Made {
        attrs: Vec<Attribute>,
        name: Ident,
        args: Vec<(Ident, Type)>,
    },
}

impl Field {
    fn name(&self) -> &Ident {
        match self {
            Field::Code { name, .. } | Field::Made { name, .. } => name,
        }
    }
}

impl Parse for TextsInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        input.parse::<Token![struct]>()?;
        let name = input.parse()?;
        input.parse::<from>()?;
        let file = input.parse()?;
        let mut fields = Vec::new();
        if input.peek(syn::token::Brace) {
            let body;
            braced!(body in input);
            fields = Punctuated::<Field, Token![,]>::parse_terminated(&body)?
                .into_iter()
                .collect();
        }
        Ok(TextsInput {
            attrs,
            vis,
            name,
            file,
            fields,
        })
    }
}

impl Parse for Field {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let name = input.parse()?;
        if input.peek(syn::token::Paren) {
            let list;
            parenthesized!(list in input);
            let args = Punctuated::<syn::PatType, Token![,]>::parse_terminated_with(&list, |arg| {
                let pat = Pat::parse_single(arg)?;
                arg.parse::<Token![:]>()?;
                Ok(syn::PatType {
                    attrs: Vec::new(),
                    pat: Box::new(pat),
                    colon_token: Default::default(),
                    ty: arg.parse()?,
                })
            })?
            .into_iter()
            .map(|arg| match *arg.pat {
                Pat::Ident(ident) => Ok((ident.ident, *arg.ty)),
                other => Err(syn::Error::new_spanned(other, "expected an argument's name")),
            })
            .collect::<syn::Result<_>>()?;
            return Ok(Field::Made { attrs, name, args });
        }
        input.parse::<Token![:]>()?;
        let ty = input.parse()?;
        input.parse::<Token![=]>()?;
        let pair;
        parenthesized!(pair in input);
        let fr = pair.parse()?;
        pair.parse::<Token![,]>()?;
        let en = pair.parse()?;
        pair.parse::<Option<Token![,]>>()?;
        Ok(Field::Code {
            attrs,
            name,
            ty: Box::new(ty),
            fr: Box::new(fr),
            en: Box::new(en),
        })
    }
}

/// One entry of the file.
enum Entry {
    /// `["French", "English"]`.
    Plain([String; 2]),
    /// `[["none", "one", "many"], ["none", "one", "many"]]`: chosen by the
    /// first value (0, 1, more).
    Counted([[String; 3]; 2]),
    /// `[key]` then `code = ["French", "English"]` lines (or `[key.group]`
    /// sections, for labels chosen by two codes); `_` stands for any code.
    Table(Vec<(String, Entry)>),
}

pub fn expand(input: TextsInput) -> syn::Result<TokenStream> {
    let TextsInput {
        attrs,
        vis,
        name,
        file,
        fields,
    } = input;
    let path = file.value();
    let entries = read_file(&file)?;
    let mut members = Vec::new();
    let (mut fr, mut en) = (Vec::new(), Vec::new());
    for (key, entry) in &entries {
        let declared = fields.iter().find(|field| field.name() == key);
        let error = |message: String| syn::Error::new(key.span(), format!("{path}: `{key}` {message}"));
        match (entry, declared) {
            (_, Some(Field::Code { name, .. })) => {
                return Err(syn::Error::new_spanned(
                    name,
                    format!("`{name}` is also in {path}"),
                ))
            }
            (Entry::Plain([f, e]), None) => {
                members.push(quote!(pub #key: &'static str));
                fr.push(quote!(#key: #f));
                en.push(quote!(#key: #e));
            }
            (Entry::Counted(_), None) => {
                return Err(error(
                    "has three forms (none, one, many): declare it in Rust as `key(n: u64, …)`".to_string(),
                ))
            }
            (Entry::Plain(_) | Entry::Counted(_), Some(Field::Made { attrs, args, .. })) => {
                let names: Vec<_> = args.iter().map(|(name, _)| name).collect();
                let types: Vec<_> = args.iter().map(|(_, ty)| ty).collect();
                let [f, e] = [0, 1].map(|lang| made(entry, lang, &names).map_err(&error));
                let (f, e) = (f?, e?);
                members.push(quote!(#(#attrs)* pub #key: fn(#(#types),*) -> String));
                let text = |body| {
                    quote!(#key: {
                        #[allow(unused_variables)]
                        fn text(#(#names: #types),*) -> String { #body }
                        text
                    })
                };
                fr.push(text(f));
                en.push(text(e));
            }
            (Entry::Table(rows), None) => {
                let two = rows.iter().any(|(_, row)| matches!(row, Entry::Table(_)));
                let (ty, args, on) = if two {
                    (quote!(fn(&str, &str)), quote!(a: &str, b: &str), quote!((a, b)))
                } else {
                    (quote!(fn(&str)), quote!(a: &str), quote!(a))
                };
                members.push(quote!(pub #key: #ty -> Option<&'static str>));
                // A `_` row of a one-code table answers every code.
                let unknown = match rows.iter().any(|(code, _)| code == "_") && !two {
                    true => quote!(),
                    false => quote!(_ => return None,),
                };
                for (lang, side) in [(0, &mut fr), (1, &mut en)] {
                    let arms = arms(rows, lang, two).map_err(&error)?;
                    side.push(quote!(#key: {
                        fn text(#args) -> Option<&'static str> {
                            Some(match #on { #(#arms,)* #unknown })
                        }
                        text
                    }));
                }
            }
            (Entry::Table(_), Some(Field::Made { .. })) => {
                return Err(error("is a table: its texts take no value".to_string()))
            }
        }
    }
    for field in &fields {
        match field {
            Field::Made { name, .. } if !entries.iter().any(|(key, _)| key == name) => {
                return Err(syn::Error::new_spanned(
                    name,
                    format!("`{name}` is not in {path}"),
                ))
            }
            Field::Made { .. } => {}
            Field::Code {
                attrs,
                name,
                ty,
                fr: f,
                en: e,
            } => {
                members.push(quote!(#(#attrs)* pub #name: #ty));
                fr.push(quote!(#name: #f));
                en.push(quote!(#name: #e));
            }
        }
    }
    let localized = quote!(crate::platform::i18n::Localized);
    let lang = quote!(crate::platform::i18n::Lang);
    Ok(quote! {
        #(#attrs)*
        #vis struct #name {
            #(#members,)*
        }

        // Makes cargo rebuild the crate when the file changes.
        const _: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", #file));

        static FR: #name = #name { #(#fr,)* };
        static EN: #name = #name { #(#en,)* };

        impl #localized for #name {
            fn of(lang: #lang) -> &'static Self {
                match lang {
                    #lang::Fr => &FR,
                    #lang::En => &EN,
                }
            }
        }
    })
}

/// The body of a text made from values, in one language: `format!` on the
/// file's text (or a `match` on the first value for counted texts), after
/// checking that each placeholder names a value.
fn made(entry: &Entry, lang: usize, names: &[&Ident]) -> Result<TokenStream, String> {
    let format = |text: &String| -> Result<TokenStream, String> {
        for used in placeholders(text) {
            if !names.iter().any(|name| *name == &used) {
                let names: Vec<_> = names.iter().map(|name| name.to_string()).collect();
                return Err(format!(
                    "uses {{{used}}}, which is none of its values ({})",
                    names.join(", ")
                ));
            }
        }
        Ok(quote!(format!(#text)))
    };
    match entry {
        Entry::Plain(pair) => format(&pair[lang]),
        Entry::Counted(forms) => {
            let Some(first) = names.first() else {
                return Err("has three forms but takes no value to count".to_string());
            };
            let [none, one, many] = &forms[lang];
            let (none, one, many) = (format(none)?, format(one)?, format(many)?);
            Ok(quote!(match #first { 0 => #none, 1 => #one, _ => #many }))
        }
        Entry::Table(_) => unreachable!("tables take no value"),
    }
}

/// The names in a format string's `{name}` and `{name:spec}` (`{{` is a brace).
fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['{', '}']) {
        if rest[start..].starts_with("{{") || rest[start..].starts_with("}}") {
            rest = &rest[start + 2..];
            continue;
        }
        let inner = &rest[start + 1..];
        let end = inner.find('}').unwrap_or(inner.len());
        let name = inner[..end].split(':').next().unwrap_or_default();
        names.push(name.to_string());
        rest = inner[end..].strip_prefix('}').unwrap_or(&inner[end..]);
    }
    names
}

/// The match arms of a table, in one language (`_` rows last, so that no
/// row is hidden by them).
fn arms(rows: &[(String, Entry)], lang: usize, two: bool) -> Result<Vec<TokenStream>, String> {
    let pattern = |code: &str| match code {
        "_" => quote!(_),
        code => quote!(#code),
    };
    // (whether the row answers any code, its arm)
    let mut arms = Vec::new();
    for (code, row) in rows {
        let first = pattern(code);
        match (row, two) {
            (Entry::Plain(pair), false) => {
                let text = &pair[lang];
                arms.push((code == "_", quote!(#first => #text)));
            }
            (Entry::Table(inner), true) => {
                for (second, entry) in inner {
                    let Entry::Plain(pair) = entry else {
                        return Err(format!(
                            "has `{code}.{second}`, which is not [\"French\", \"English\"]"
                        ));
                    };
                    let (text, second_pattern) = (&pair[lang], pattern(second));
                    arms.push((second == "_", quote!((#first, #second_pattern) => #text)));
                }
            }
            _ => return Err(format!("mixes texts and sections at `{code}`")),
        }
    }
    // A stable sort: the rows keep the file's order otherwise.
    arms.sort_by_key(|(any, _)| *any);
    Ok(arms.into_iter().map(|(_, arm)| arm).collect())
}

/// The file's entries, in its order; any flaw is an error on the file's
/// name that says where.
fn read_file(file: &LitStr) -> syn::Result<Vec<(Ident, Entry)>> {
    let path = file.value();
    let error = |message: String| syn::Error::new(file.span(), format!("{path}: {message}"));
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| error(e.to_string()))?;
    let source = std::fs::read_to_string(Path::new(&manifest_dir).join(&path))
        .map_err(|e| error(format!("cannot be read ({e})")))?;
    let table = DeTable::parse(&source).map_err(|e| error(format!("is not valid TOML: {e}")))?;
    let mut entries = Vec::new();
    for (key, value) in table.get_ref() {
        let key = key.get_ref();
        if syn::parse_str::<Ident>(key).is_err() {
            return Err(error(format!("`{key}` is not a Rust field name")));
        }
        let entry = entry(value.get_ref()).map_err(|message| error(format!("`{key}` {message}")))?;
        entries.push((Ident::new(key, file.span()), entry));
    }
    Ok(entries)
}

fn entry(value: &DeValue) -> Result<Entry, String> {
    const PAIR: &str = "must be [\"French\", \"English\"]: two strings";
    let items: Vec<&DeValue> = match value {
        DeValue::Table(table) => {
            return table
                .iter()
                .map(|(code, row)| {
                    let code = code.get_ref().to_string();
                    match entry(row.get_ref()) {
                        Ok(row) => Ok((code, row)),
                        Err(message) => Err(format!("at `{code}`: {message}")),
                    }
                })
                .collect::<Result<_, _>>()
                .map(Entry::Table)
        }
        DeValue::Array(items) => items.iter().map(|item| item.get_ref()).collect(),
        _ => return Err(PAIR.to_string()),
    };
    let filled = |texts: &[String]| match texts.iter().any(String::is_empty) {
        true => Err("misses a translation (an empty string)".to_string()),
        false => Ok(()),
    };
    let forms = |item: &DeValue| -> Option<[String; 3]> {
        let DeValue::Array(forms) = item else {
            return None;
        };
        let forms: Option<Vec<String>> = forms
            .iter()
            .map(|form| form.get_ref().as_str().map(str::to_string))
            .collect();
        forms?.try_into().ok()
    };
    match items[..] {
        [fr, en] => match (fr.as_str(), en.as_str()) {
            (Some(fr), Some(en)) => {
                let pair = [fr.to_string(), en.to_string()];
                filled(&pair)?;
                Ok(Entry::Plain(pair))
            }
            (None, None) => match (forms(fr), forms(en)) {
                (Some(fr), Some(en)) => {
                    filled(&fr)?;
                    filled(&en)?;
                    Ok(Entry::Counted([fr, en]))
                }
                _ => Err("must be two lists of three texts (none, one, many)".to_string()),
            },
            _ => Err(PAIR.to_string()),
        },
        [_] => Err("has one text: its translation is missing".to_string()),
        [] => Err(PAIR.to_string()),
        _ => Err(format!(
            "has {} texts: it takes two, French and English",
            items.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(toml: &str) -> Result<Entry, String> {
        let table = DeTable::parse(toml).expect("valid TOML");
        let (_, value) = table.get_ref().iter().next().expect("one key");
        entry(value.get_ref())
    }

    #[test]
    fn placeholders_are_the_names_between_braces() {
        assert_eq!(placeholders("{n} sur {total:.1} {{x}}"), ["n", "total"]);
        assert!(placeholders("Aucun membre").is_empty());
    }

    #[test]
    fn a_placeholder_must_name_an_argument() {
        let entry = parsed(r#"k = ["Bonjour {nom}", "Hello {name}"]"#).expect("a pair");
        let name = Ident::new("name", proc_macro2::Span::call_site());
        assert!(made(&entry, 1, &[&name]).is_ok());
        let error = made(&entry, 0, &[&name]).expect_err("{nom} is not an argument");
        assert_eq!(error, "uses {nom}, which is none of its values (name)");
    }

    #[test]
    fn each_malformed_entry_says_what_it_misses() {
        let error = |toml| parsed(toml).err().expect("an error");
        assert_eq!(
            error(r#"k = ["Seul"]"#),
            "has one text: its translation is missing"
        );
        assert_eq!(
            error(r#"k = ["Oui", ""]"#),
            "misses a translation (an empty string)"
        );
        assert_eq!(
            error(r#"k = [["0", "1"], ["0", "1", "n"]]"#),
            "must be two lists of three texts (none, one, many)"
        );
        assert_eq!(
            error("[k]\na = [\"Oui\"]"),
            "at `a`: has one text: its translation is missing"
        );
        assert!(matches!(
            parsed(r#"k = [["0", "1", "{n}"], ["0", "1", "{n}"]]"#),
            Ok(Entry::Counted(_))
        ));
    }
}
