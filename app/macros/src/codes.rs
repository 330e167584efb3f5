//! `code_enum!`: a closed set of stored codes as an enum.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, Attribute, Ident, LitStr, Token, Visibility};

/// `#[attrs] pub enum Name { Variant, Other = "code", … }`.
pub struct CodeEnum {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    variants: Vec<Variant>,
}

struct Variant {
    attrs: Vec<Attribute>,
    name: Ident,
    code: LitStr,
}

impl Parse for CodeEnum {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        input.parse::<Token![enum]>()?;
        let name = input.parse()?;
        let body;
        braced!(body in input);
        let variants = Punctuated::<Variant, Token![,]>::parse_terminated(&body)?;
        Ok(CodeEnum {
            attrs,
            vis,
            name,
            variants: variants.into_iter().collect(),
        })
    }
}

impl Parse for Variant {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let name: Ident = input.parse()?;
        let code = if input.parse::<Option<Token![=]>>()?.is_some() {
            input.parse()?
        } else {
            LitStr::new(&snake_case(&name.to_string()), name.span())
        };
        Ok(Variant { attrs, name, code })
    }
}

/// `InAnalysis` → `in_analysis`, as serde's `rename_all = "snake_case"`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

pub fn expand(input: CodeEnum) -> TokenStream {
    let CodeEnum {
        attrs,
        vis,
        name,
        variants,
    } = input;
    let variant_attrs = variants.iter().map(|v| &v.attrs);
    let names: Vec<_> = variants.iter().map(|v| &v.name).collect();
    let codes: Vec<_> = variants.iter().map(|v| &v.code).collect();
    quote! {
        #(#attrs)*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #vis enum #name {
            #(#(#variant_attrs)* #[serde(rename = #codes)] #names,)*
        }

        impl #name {
            pub const ALL: &'static [#name] = &[#(#name::#names),*];
            pub const CODES: &'static [&'static str] = &[#(#codes),*];

            pub fn code(self) -> &'static str {
                match self {
                    #(#name::#names => #codes,)*
                }
            }

            pub fn from_code(code: &str) -> Option<#name> {
                match code {
                    #(#codes => Some(#name::#names),)*
                    _ => None,
                }
            }
        }

        /// Writes its code (element ids, field names).
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        /// Its code, for what shows codes (badges, labels).
        impl From<#name> for String {
            fn from(value: #name) -> String {
                value.code().to_string()
            }
        }
    }
}
