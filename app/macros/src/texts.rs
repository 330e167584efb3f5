//! `texts!`: one set of texts, its plain texts read from a TOML file beside
//! the feature (`key = ["French", "English"]`), the texts made from values
//! written in Rust after it.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, parenthesized, Attribute, Expr, Ident, LitStr, Token, Type, Visibility};
use toml::de::{DeTable, DeValue};

syn::custom_keyword!(from);

/// `#[attrs] pub struct Name from "src/area/texts.toml" { fields }`, the
/// braces optional.
pub struct TextsInput {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    file: LitStr,
    fields: Vec<CodeField>,
}

/// A text made from values: `name: type = (french, english),`.
struct CodeField {
    attrs: Vec<Attribute>,
    name: Ident,
    ty: Type,
    fr: Expr,
    en: Expr,
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
            fields = Punctuated::<CodeField, Token![,]>::parse_terminated(&body)?
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

impl Parse for CodeField {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let name = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = input.parse()?;
        input.parse::<Token![=]>()?;
        let pair;
        parenthesized!(pair in input);
        let fr = pair.parse()?;
        pair.parse::<Token![,]>()?;
        let en = pair.parse()?;
        pair.parse::<Option<Token![,]>>()?;
        Ok(CodeField {
            attrs,
            name,
            ty,
            fr,
            en,
        })
    }
}

/// One plain text of the file.
struct PlainText {
    name: Ident,
    fr: String,
    en: String,
}

pub fn expand(input: TextsInput) -> syn::Result<TokenStream> {
    let TextsInput {
        attrs,
        vis,
        name,
        file,
        fields,
    } = input;
    let plain = read_file(&file)?;
    for field in &fields {
        if plain.iter().any(|text| text.name == field.name) {
            return Err(syn::Error::new_spanned(
                &field.name,
                format!("`{}` is also in {}", field.name, file.value()),
            ));
        }
    }
    let keys: Vec<_> = plain.iter().map(|text| &text.name).collect();
    let plain_fr = plain.iter().map(|text| &text.fr);
    let plain_en = plain.iter().map(|text| &text.en);
    let field_attrs = fields.iter().map(|field| &field.attrs);
    let field_names: Vec<_> = fields.iter().map(|field| &field.name).collect();
    let field_types = fields.iter().map(|field| &field.ty);
    let field_fr = fields.iter().map(|field| &field.fr);
    let field_en = fields.iter().map(|field| &field.en);
    let localized = quote!(crate::platform::i18n::Localized);
    let lang = quote!(crate::platform::i18n::Lang);
    Ok(quote! {
        #(#attrs)*
        #vis struct #name {
            #(pub #keys: &'static str,)*
            #(#(#field_attrs)* pub #field_names: #field_types,)*
        }

        // Makes cargo rebuild the crate when the file changes.
        const _: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", #file));

        static FR: #name = #name {
            #(#keys: #plain_fr,)*
            #(#field_names: #field_fr,)*
        };
        static EN: #name = #name {
            #(#keys: #plain_en,)*
            #(#field_names: #field_en,)*
        };

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

/// The file's texts, in its order; any flaw is an error on the file's name
/// that says where.
fn read_file(file: &LitStr) -> syn::Result<Vec<PlainText>> {
    let path = file.value();
    let error = |message: String| syn::Error::new(file.span(), format!("{path}: {message}"));
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| error(e.to_string()))?;
    let source = std::fs::read_to_string(Path::new(&manifest_dir).join(&path))
        .map_err(|e| error(format!("cannot be read ({e})")))?;
    let table = DeTable::parse(&source).map_err(|e| error(format!("is not valid TOML: {e}")))?;
    let mut texts = Vec::new();
    for (key, value) in table.get_ref() {
        let key = key.get_ref();
        let at = |message: &str| error(format!("`{key}` {message}"));
        let Ok(name) = syn::parse_str::<Ident>(key) else {
            return Err(at("is not a Rust field name"));
        };
        let pair: Vec<_> = match value.get_ref() {
            DeValue::Array(pair) => pair.iter().map(|v| v.get_ref().as_str()).collect(),
            _ => Vec::new(),
        };
        let [Some(fr), Some(en)] = pair[..] else {
            return Err(at(&match pair.len() {
                1 => "has one text: its translation is missing".to_string(),
                n @ 3.. => format!("has {n} texts: it takes two, French and English"),
                _ => "must be [\"French\", \"English\"]: two strings".to_string(),
            }));
        };
        if fr.is_empty() || en.is_empty() {
            return Err(at("misses a translation (an empty string)"));
        }
        texts.push(PlainText {
            name,
            fr: fr.to_string(),
            en: en.to_string(),
        });
    }
    Ok(texts)
}
