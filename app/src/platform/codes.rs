//! Closed sets of stored codes (statuses, kinds, priorities, urgencies,
//! channels) as enums. Each variant's serde name is the code itself, so the
//! wire and the database keep the strings they always had; the interface
//! shows a code through its label (`platform::labels`).

/// Declares a closed set: `pub enum Status { New = "new", … }` gives the enum
/// (serde names = codes), `ALL`, `CODES` (for validating text input with a
/// field message), `code()` and `from_code()`.
macro_rules! code_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub const CODES: &'static [&'static str] = &[$($code),*];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        /// Writes its code (element ids, field names).
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        /// Its code, for what shows codes (badges, labels).
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.code().to_string()
            }
        }
    };
}
pub(crate) use code_enum;

code_enum! {
    /// How urgent something is, as the member who raises it says (support
    /// requests and needs share the scale).
    pub enum Urgency {
        Low = "low",
        Normal = "normal",
        High = "high",
        Critical = "critical",
    }
}
