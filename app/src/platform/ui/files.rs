//! Files chosen in the browser: read as text (the CSV import) or sent as they
//! are (the profile photo, to its plain HTTP route). Only the browser build
//! touches the File API; the server build compiles the same calls as no-ops.

use crate::platform::encoding::TextEncoding;
use crate::platform::error::AppError;

/// A file picked in an `<input type="file">`.
pub struct ChosenFile {
    #[cfg(feature = "csr")]
    file: web_sys::File,
    pub name: String,
    pub size: u64,
}

/// The first file chosen in the input that fired `ev`.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<ChosenFile> {
    #[cfg(feature = "csr")]
    {
        let input: web_sys::HtmlInputElement = leptos::prelude::event_target(ev);
        let file = input.files()?.get(0)?;
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        Some(ChosenFile {
            name: file.name(),
            size: file.size() as u64,
            file,
        })
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = ev;
        None
    }
}

impl ChosenFile {
    /// The file's text, decoded by the browser's `TextDecoder` from the
    /// encoding its bytes show (see `TextEncoding::detect`).
    pub async fn text(&self) -> Result<(String, TextEncoding), AppError> {
        #[cfg(feature = "csr")]
        {
            let buffer = crate::platform::client::wait(self.file.array_buffer()).await?;
            let bytes = js_sys::Uint8Array::new(&buffer);
            let encoding = TextEncoding::detect(&bytes.to_vec());
            let text = web_sys::TextDecoder::new_with_label(encoding.label())
                .and_then(|decoder| decoder.decode_with_buffer_source(&bytes))
                .map_err(|_| AppError::field("file", "invalid", "Ce fichier n'a pas pu être lu."))?;
            Ok((text, encoding))
        }
        #[cfg(not(feature = "csr"))]
        Err(AppError::Internal)
    }
}

/// Sends `file` as the member's photo, or removes the photo when `None`;
/// answers the new photo's address. Errors are the server's `AppError`.
pub async fn send_photo(file: Option<ChosenFile>) -> Result<Option<String>, AppError> {
    #[cfg(feature = "csr")]
    {
        use crate::platform::client;
        let init = web_sys::RequestInit::new();
        init.set_method(if file.is_some() { "POST" } else { "DELETE" });
        if let Some(f) = &file {
            init.set_body(&f.file);
        }
        let text = client::answer(client::send("/api/profile/photo", &init, &js_sys::Object::new())?).await?;
        let body: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        Ok(body["photo"].as_str().map(str::to_string))
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = file;
        Err(AppError::Internal)
    }
}
