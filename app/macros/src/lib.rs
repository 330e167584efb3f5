//! `#[api("area/verb")]` on an `async fn` of the API.
//!
//! On the server (feature `ssr`) it is exactly a Leptos server function at
//! `/api/area/verb` taking JSON. In the browser it becomes a plain function
//! that POSTs its arguments as JSON through one shared, non-generic request
//! (`crate::platform::client::call`): Leptos' client would instead compile a
//! separate request, response and error pipeline for every endpoint, which
//! was a large part of the bundle. The wire format is the same either way.
//! On the server it also registers the endpoint's path and argument check
//! (`crate::platform::strict`), so that no central list repeats them.

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, FnArg, ItemFn, LitStr, Pat};

#[proc_macro_attribute]
pub fn api(attr: TokenStream, item: TokenStream) -> TokenStream {
    let endpoint = parse_macro_input!(attr as LitStr);
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
