//! `#[api("area/verb")]` on an `async fn` of the API.
//!
//! On the server (feature `ssr`) it is exactly a Leptos server function at
//! `/api/area/verb` taking JSON. In the browser it becomes a plain function
//! that POSTs its arguments as JSON through one shared, non-generic request
//! (`crate::platform::client::call`): Leptos' client would instead compile a
//! separate request, response and error pipeline for every endpoint, which
//! was a large part of the bundle. The wire format is the same either way.
//! On the server it also registers the endpoint's path, its argument check
//! and whether it is `public` (`#[api("auth/login", public)]`: callable
//! signed out; every other endpoint answers 401 before its body is read) in
//! `crate::platform::strict`, so that no central list repeats them.

mod codes;
mod texts;

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{parse_macro_input, FnArg, Ident, ItemFn, LitStr, Pat, Token};

/// `"area/verb"`, optionally followed by `, public`.
struct ApiAttr {
    endpoint: LitStr,
    public: bool,
}

impl Parse for ApiAttr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let endpoint = input.parse()?;
        let mut public = false;
        if input.parse::<Option<Token![,]>>()?.is_some() {
            let flag: Ident = input.parse()?;
            if flag != "public" {
                return Err(syn::Error::new_spanned(flag, "expected `public`"));
            }
            public = true;
        }
        Ok(ApiAttr { endpoint, public })
    }
}

#[proc_macro_attribute]
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    let ApiAttr { endpoint, public } = parse_macro_input!(attr as ApiAttr);
    let server_fn = parse_macro_input!(item as ItemFn);
    let args = format_ident!("{}", pascal_case(&server_fn.sig.ident.to_string()));
    let path = format!("/api/{}", endpoint.value());
    match browser_fn(&endpoint, &server_fn) {
        Ok(browser) => quote! {
            #[cfg(feature = "ssr")]
            #[::leptos::server(endpoint = #endpoint, input = ::leptos::server_fn::codec::Json)]
            #server_fn

            // Registered for the unknown-field check (crate::platform::strict).
            #[cfg(feature = "ssr")]
            ::inventory::submit! {
                crate::platform::strict::Endpoint {
                    path: #path,
                    public: #public,
                    unknown_fields: crate::platform::strict::unknown::<#args>,
                }
            }

            #browser
        }
        .into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// The browser's version (each item under `not(ssr)`): a struct of the arguments (named like the server
/// function's, with its `PATH`) and a function sending it.
fn browser_fn(endpoint: &LitStr, item: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let mut names = Vec::new();
    let mut types = Vec::new();
    for input in &item.sig.inputs {
        let FnArg::Typed(arg) = input else {
            return Err(syn::Error::new_spanned(input, "an API function takes no self"));
        };
        let Pat::Ident(name) = &*arg.pat else {
            return Err(syn::Error::new_spanned(&arg.pat, "name each argument"));
        };
        names.push(name.ident.clone());
        types.push(arg.ty.clone());
    }
    let mut sig = item.sig.clone();
    // `#[server(default)]` and the like only mean something to Leptos.
    for input in &mut sig.inputs {
        if let FnArg::Typed(arg) = input {
            arg.attrs.clear();
        }
    }
    let docs = item.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let vis = &item.vis;
    let args = format_ident!("{}", pascal_case(&item.sig.ident.to_string()));
    let path = format!("/api/{}", endpoint.value());
    Ok(quote! {
        /// The arguments, as sent.
        #[cfg(not(feature = "ssr"))]
        #[derive(::serde::Serialize)]
        #vis struct #args {
            #(pub #names: #types,)*
        }

        #[cfg(not(feature = "ssr"))]
        impl #args {
            pub const PATH: &'static str = #path;
        }

        #(#docs)*
        #[cfg(not(feature = "ssr"))]
        #vis #sig {
            crate::platform::client::call(#args::PATH, &#args { #(#names,)* }).await
        }
    })
}

/// `save_mission` → `SaveMission`, as Leptos names a server function's struct.
fn pascal_case(name: &str) -> String {
    name.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// One set of texts (one per feature), French and English side by side for
/// each key:
///
/// ```ignore
/// texts! {
///     pub struct SupportTexts from "src/support/texts.toml" {
///         event_taken(who: &str),
///         hours: fn(f64) -> String = (|h| format!("{h:.1} h"), |h| format!("{h:.1} h")),
///     }
/// }
/// ```
///
/// The file (path from the crate's root) holds every text: `key = ["French",
/// "English"]` (a `&'static str` field); a key declared in Rust with its
/// arguments, `event_taken(who: &str)`, is a text made from them (`{who}` in
/// the text, a `fn(&str) -> String` field); `key = [["none", "one", "many"],
/// [...]]` is counted by its first argument (0, 1, more); a `[key]` section of
/// `code = ["French", "English"]` lines (or `[key.group]` sections) is a table
/// of labels, a `fn(&str) -> Option<&'static str>` field (`_` stands for any
/// code). Texts that need code follow in Rust as `name: type = (french,
/// english),`. Makes the struct, its two statics (`FR` and `EN`, in the
/// calling module, hence in its area's chunk of the wasm) and its `Localized`
/// impl. The file is read at build time: a missing translation, a malformed
/// entry or a placeholder that names no argument is a build error naming the
/// file and the key, and nothing is added to the bundle beyond the texts and
/// their `format!` calls (no runtime catalogue, no parser).
#[proc_macro]
pub fn texts(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as texts::TextsInput);
    texts::expand(input)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// A closed set of stored codes: `pub enum Status { New, InAnalysis, Other = "x" }`
/// gives the enum (serde names = codes: the snake_case of the variant, as
/// serde's `rename_all`, unless written after `=`), `ALL`, `CODES` (for
/// validating text input with a field message), `code()`, `from_code()`,
/// `Display` and `From<Self> for String` (both the code).
#[proc_macro]
pub fn code_enum(input: TokenStream) -> TokenStream {
    codes::expand(parse_macro_input!(input as codes::CodeEnum)).into()
}
