//! The text encodings of the files members have, and their decoding.

/// The text encodings of the files people have: what French Excel and
/// LibreOffice write. Detected on the bytes, decoded by a maintained decoder
/// (the browser's `TextDecoder`, `encoding_rs` on the server), which both
/// follow the WHATWG Encoding Standard and so agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Windows1252,
    Iso885915,
}

impl TextEncoding {
    /// The WHATWG label both decoders take.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Windows1252 => "windows-1252",
            Self::Iso885915 => "iso-8859-15",
        }
    }

    /// Valid UTF-8 (with or without its BOM) is UTF-8. Otherwise the bytes
    /// 0x80–0x9F, which only Windows-1252 prints (’ œ € …), mark it; without
    /// them, a byte where ISO-8859-15 puts € œ Œ Š š Ž ž Ÿ in place of
    /// rarely written signs (¤ ½ ¼ ¦ ¨ ´ ¸ ¾) marks ISO-8859-15.
    pub fn detect(bytes: &[u8]) -> Self {
        if std::str::from_utf8(bytes).is_ok() {
            Self::Utf8
        } else if bytes.iter().any(|b| (0x80..=0x9f).contains(b)) {
            Self::Windows1252
        } else if bytes
            .iter()
            .any(|b| matches!(b, 0xa4 | 0xa6 | 0xa8 | 0xb4 | 0xb8 | 0xbc | 0xbd | 0xbe))
        {
            Self::Iso885915
        } else {
            Self::Windows1252
        }
    }
}

/// The text of `bytes`, decoded from the encoding they show; a UTF-8 BOM goes.
#[cfg(feature = "ssr")]
pub fn decode(bytes: &[u8]) -> String {
    let label = TextEncoding::detect(bytes).label();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::decode;

    #[test]
    fn windows_1252_and_iso_8859_15_files_keep_their_accents() {
        // "Prénom;Cœur" as French Excel writes it (œ is 0x9C in Windows-1252).
        assert_eq!(decode(b"Pr\xe9nom;C\x9cur"), "Prénom;Cœur");
        // In ISO-8859-15, œ is 0xBD and € 0xA4.
        assert_eq!(decode(b"Pr\xe9nom;C\xbdur;\xa4"), "Prénom;Cœur;€");
        assert_eq!(decode("\u{feff}Prénom".as_bytes()), "Prénom");
        assert_eq!(decode("Prénom".as_bytes()), "Prénom");
    }
}
