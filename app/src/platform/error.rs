//! The one error type of the portal, shared by the server functions, the
//! services and the browser. Serialised as JSON with an `error` tag, so that
//! scripts get `{"error":"validation","fields":[…]}` and the right HTTP status.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::platform::i18n::CommonTexts;
use crate::platform::said::said;

/// A message about one field of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// Stable code (`required`, `too_long`, `invalid`…), translated by the browser.
    pub code: String,
    /// The same in the caller's language (see `platform::said`), for scripts and logs.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    #[error("validation failed")]
    Validation { fields: Vec<FieldError> },
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("not signed in")]
    Unauthorized,
    /// The password was right; the account's second-factor code is needed.
    #[error("second-factor code required")]
    TotpRequired,
    /// An admin or board account must turn on its second factor first.
    #[error("second factor must be set up")]
    TotpSetupRequired,
    #[error("forbidden")]
    Forbidden,
    /// Forbidden for a reason the caller can act on, said in the caller's
    /// language (the whole directory's export when it is reserved, say).
    #[error("refused: {message}")]
    Refused { message: String },
    #[error("not found")]
    NotFound,
    #[error("conflict: {message}")]
    Conflict { message: String },
    /// A write raced a concurrent one on the same records (the database let
    /// the other commit): services run it again, and a caller who still
    /// gets it reads the conflict above, with `CONCURRENT_WRITE` as message.
    #[error("{}", CONCURRENT_WRITE)]
    #[serde(rename = "conflict")]
    WriteConflict { message: ConcurrentWrite },
    #[error("payload too large")]
    PayloadTooLarge,
    /// Well-formed but unusable content (a file that is not a photo, say).
    #[error("unprocessable: {message}")]
    Unprocessable { message: String },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("bad request: {message}")]
    BadRequest { message: String },
    /// Details stay in the server log, never in the answer.
    #[error("internal error")]
    Internal,
    /// The browser could not reach the server or read its answer.
    #[error("network error: {message}")]
    Network { message: String },
}

/// An error as the JSON holds it: one flat record. The browser reads errors
/// through it rather than through a derived decoder of the tagged enum,
/// which buffers the whole value first and weighed 23 KB of wasm in the
/// first load.
#[derive(Deserialize)]
struct ErrorRecord {
    error: String,
    #[serde(default)]
    fields: Vec<FieldError>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    retry_after_secs: u64,
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ErrorRecord {
            error,
            fields,
            message,
            retry_after_secs,
        } = ErrorRecord::deserialize(deserializer)?;
        Ok(match error.as_str() {
            "validation" => AppError::Validation { fields },
            "bad_credentials" => AppError::BadCredentials,
            "unauthorized" => AppError::Unauthorized,
            "totp_required" => AppError::TotpRequired,
            "totp_setup_required" => AppError::TotpSetupRequired,
            "forbidden" => AppError::Forbidden,
            "refused" => AppError::Refused { message },
            "not_found" => AppError::NotFound,
            // A raced write reads as any conflict, its message said by the server.
            "conflict" => AppError::Conflict { message },
            "payload_too_large" => AppError::PayloadTooLarge,
            "unprocessable" => AppError::Unprocessable { message },
            "too_many_requests" => AppError::TooManyRequests { retry_after_secs },
            "bad_request" => AppError::BadRequest { message },
            "internal" => AppError::Internal,
            "network" => AppError::Network { message },
            other => return Err(serde::de::Error::custom(format_args!("unknown error `{other}`"))),
        })
    }
}

/// What a caller reads when its write raced another one on the same records
/// and could not be run again.
pub const CONCURRENT_WRITE: &str =
    "Quelqu'un d'autre enregistrait la même chose au même instant : réessayez.";
const CONCURRENT_WRITE_EN: &str = "Someone else was saving the same thing at the same moment: try again.";

/// The message of a `WriteConflict`, always `CONCURRENT_WRITE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConcurrentWrite;

impl Serialize for ConcurrentWrite {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&said(CONCURRENT_WRITE, CONCURRENT_WRITE_EN))
    }
}

impl AppError {
    pub fn field(field: &str, code: &str, message: &str) -> AppError {
        AppError::Validation {
            fields: vec![FieldError {
                field: field.into(),
                code: code.into(),
                message: message.into(),
            }],
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation { .. } | AppError::BadRequest { .. } => 400,
            AppError::BadCredentials | AppError::Unauthorized | AppError::TotpRequired => 401,
            AppError::Forbidden | AppError::Refused { .. } | AppError::TotpSetupRequired => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } | AppError::WriteConflict { .. } => 409,
            AppError::PayloadTooLarge => 413,
            AppError::Unprocessable { .. } => 422,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal => 500,
            AppError::Network { .. } => 502,
        }
    }

    /// The message for this error in the interface's language.
    pub fn describe(&self, t: &CommonTexts) -> &'static str {
        match self {
            AppError::Validation { .. } => t.error_validation,
            AppError::BadCredentials => t.error_bad_credentials,
            AppError::Unauthorized => t.error_unauthorized,
            AppError::TotpRequired => t.error_totp_required,
            AppError::Forbidden | AppError::Refused { .. } => t.error_forbidden,
            AppError::TotpSetupRequired => t.error_totp_setup_required,
            AppError::NotFound => t.error_not_found,
            AppError::Conflict { .. } | AppError::WriteConflict { .. } => t.error_conflict,
            AppError::PayloadTooLarge => t.error_too_large,
            AppError::Unprocessable { .. } => t.error_unprocessable,
            AppError::TooManyRequests { .. } => t.error_too_many,
            AppError::BadRequest { .. } => t.error_bad_request,
            AppError::Internal => t.error_internal,
            AppError::Network { .. } => t.error_network,
        }
    }

    /// The message for one field, if this error names it.
    pub fn field_message(&self, field: &str, t: &CommonTexts) -> Option<&'static str> {
        let AppError::Validation { fields } = self else {
            return None;
        };
        fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| match f.code.as_str() {
                "required" => t.field_required,
                "too_long" => t.field_too_long,
                "too_short" => t.field_password_too_short,
                "too_common" => t.field_password_too_common,
                "mismatch" => t.field_password_mismatch,
                _ => t.field_invalid,
            })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Malformed or wrongly typed input from the caller.
            ServerFnErrorErr::Args(message)
            | ServerFnErrorErr::MissingArg(message)
            | ServerFnErrorErr::UnsupportedRequestMethod(message) => bad_input(message),
            ServerFnErrorErr::Registration(_) => AppError::NotFound,
            // On the server, this is the caller's body that did not parse;
            // in the browser, the server's answer that did not.
            ServerFnErrorErr::Deserialization(message) if cfg!(feature = "ssr") => bad_input(message),
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Deserialization(message) => {
                AppError::Network { message }
            }
            ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::Response(_) => AppError::Internal,
        }
    }
}

/// The parser's account of a body that did not fit, shortened: it quotes the
/// offending value, which may be huge.
fn bad_input(message: String) -> AppError {
    const SHOWN: usize = 300;
    let mut shown: String = message.chars().take(SHOWN).collect();
    if shown.len() < message.len() {
        shown.push('…');
    }
    AppError::BadRequest {
        message: said(
            format!("Requête invalide : {shown}"),
            format!("Invalid request: {shown}"),
        ),
    }
}

/// A text field that must be present and not longer than `max` characters.
pub fn check_text(errors: &mut Vec<FieldError>, field: &str, value: &str, required: bool, max: usize) {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        errors.push(FieldError {
            field: field.into(),
            code: "required".into(),
            message: said("Ce champ est obligatoire.", "This field is required."),
        });
    } else if trimmed.chars().count() > max {
        errors.push(FieldError {
            field: field.into(),
            code: "too_long".into(),
            message: said(
                format!("{max} caractères au plus."),
                format!("{max} characters at most."),
            ),
        });
    }
}

/// A value that must be one of a fixed list of codes.
pub fn check_code(errors: &mut Vec<FieldError>, field: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        errors.push(FieldError {
            field: field.into(),
            code: "invalid".into(),
            message: said(
                "Cette valeur n'est pas dans la liste.",
                "This value is not in the list.",
            ),
        });
    }
}

/// Ok when no field failed, else the validation error naming them all.
pub fn validated(errors: Vec<FieldError>) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields: errors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_with_a_tag_scripts_can_read() {
        let json = serde_json::to_string(&AppError::field("email", "required", "x")).unwrap();
        assert!(
            json.starts_with(r#"{"error":"validation","fields":[{"field":"email""#),
            "{json}"
        );
        assert_eq!(
            serde_json::to_string(&AppError::Forbidden).unwrap(),
            r#"{"error":"forbidden"}"#
        );
    }

    #[test]
    fn every_error_reads_back_as_sent() {
        let message = || "m".to_string();
        for error in [
            AppError::field("email", "required", "x"),
            AppError::BadCredentials,
            AppError::Unauthorized,
            AppError::TotpRequired,
            AppError::TotpSetupRequired,
            AppError::Forbidden,
            AppError::Refused { message: message() },
            AppError::NotFound,
            AppError::Conflict { message: message() },
            AppError::PayloadTooLarge,
            AppError::Unprocessable { message: message() },
            AppError::TooManyRequests { retry_after_secs: 30 },
            AppError::BadRequest { message: message() },
            AppError::Internal,
            AppError::Network { message: message() },
        ] {
            let json = serde_json::to_string(&error).unwrap();
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), error, "{json}");
        }
        assert!(serde_json::from_str::<AppError>(r#"{"error":"nonsense"}"#).is_err());
    }

    #[test]
    fn a_concurrent_write_reads_as_any_conflict() {
        let error = AppError::WriteConflict {
            message: ConcurrentWrite,
        };
        let json = serde_json::to_string(&error).unwrap();
        let conflict = AppError::Conflict {
            message: CONCURRENT_WRITE.into(),
        };
        assert_eq!(json, serde_json::to_string(&conflict).unwrap());
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), conflict);
        assert_eq!(error.status(), 409);
        assert_eq!(error.to_string(), CONCURRENT_WRITE);
    }

    #[test]
    fn statuses_match_the_api_contract() {
        let message = String::new;
        for (error, status) in [
            (AppError::field("a", "b", "c"), 400),
            (AppError::Unauthorized, 401),
            (AppError::Forbidden, 403),
            (AppError::NotFound, 404),
            (AppError::Conflict { message: message() }, 409),
            (AppError::PayloadTooLarge, 413),
            (AppError::Unprocessable { message: message() }, 422),
            (AppError::TooManyRequests { retry_after_secs: 1 }, 429),
            (AppError::Internal, 500),
        ] {
            assert_eq!(error.status(), status, "{error:?}");
        }
    }

    #[test]
    fn text_checks_name_each_field() {
        let mut errors = Vec::new();
        check_text(&mut errors, "subject", "   ", true, 10);
        check_text(&mut errors, "body", &"é".repeat(11), false, 10);
        check_text(&mut errors, "ok", "fine", true, 10);
        let codes: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(codes, [("subject", "required"), ("body", "too_long")]);
        assert!(validated(errors).is_err());
        assert!(validated(vec![]).is_ok());
    }
}
