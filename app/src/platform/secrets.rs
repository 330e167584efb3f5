//! The server's own key, and what it seals: values stored in the database
//! that a copy of the database must not reveal (second-factor secrets).
//! ChaCha20-Poly1305 with a random nonce per value; the key lives in a file
//! beside the database (created at first start, see docs/operations.md).

use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

/// What prefixes a sealed value (a version, should the scheme ever change).
pub const SEALED_PREFIX: &str = "sealed1:";
const SEALED: &str = SEALED_PREFIX;
const NONCE_BYTES: usize = 12;

#[derive(Clone)]
pub struct SecretKey(Key);

impl SecretKey {
    /// A fresh random key (a new key file, or a portal in memory for tests).
    pub fn random() -> SecretKey {
        SecretKey(ChaCha20Poly1305::generate_key(&mut OsRng))
    }

    /// The key from its 32 bytes (the key file).
    pub fn from_bytes(bytes: &[u8]) -> Option<SecretKey> {
        (bytes.len() == 32).then(|| SecretKey(*Key::from_slice(bytes)))
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.into()
    }

    /// `plain` sealed, to store.
    pub fn seal(&self, plain: &str) -> String {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = ChaCha20Poly1305::new(&self.0)
            .encrypt(&nonce, plain.as_bytes())
            .expect("sealing a short value cannot fail");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{SEALED}{}", B64.encode(bytes))
    }

    /// The plain value of what `seal` gave; `None` when it was sealed with
    /// another key or altered. A value stored before sealing existed is
    /// answered as it is (`is_sealed` tells them apart).
    pub fn open(&self, stored: &str) -> Option<String> {
        let Some(encoded) = stored.strip_prefix(SEALED) else {
            return Some(stored.to_string());
        };
        let bytes = B64.decode(encoded).ok()?;
        if bytes.len() <= NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let plain = ChaCha20Poly1305::new(&self.0)
            .decrypt(Nonce::from_slice(nonce), sealed)
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED)
}

/// Never printed, even in debug output.
impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_their_key_only() {
        let key = SecretKey::random();
        let sealed = key.seal("JBSWY3DPEHPK3PXP");
        assert!(is_sealed(&sealed) && !sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(key.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(SecretKey::random().open(&sealed), None);
        let again = SecretKey::from_bytes(&key.to_bytes()).unwrap();
        assert_eq!(again.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_ne!(key.seal("x"), key.seal("x"));
    }
}
