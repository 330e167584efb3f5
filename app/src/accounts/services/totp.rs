//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s, 6 digits), the
//! optional second factor any member can turn on.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_SECS: u64 = 30;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random secret, base32 as authenticator apps expect.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

pub fn otpauth_uri(secret: &str, email: &str) -> String {
    format!(
        "otpauth://totp/Shifters:{email}?secret={secret}&issuer=Shifters&algorithm=SHA1&digits=6&period=30"
    )
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let value = ALPHABET
            .iter()
            .position(|a| *a as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The code for a time step.
fn code_at(key: &[u8], step: u64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    value % 1_000_000
}

/// The time step `code` belongs to: now, or one step before or after
/// (clock drift).
pub fn matching_step(secret: &str, code: &str, unix_time: u64) -> Option<u64> {
    let code = code.trim().replace(' ', "");
    let (Some(key), Ok(given)) = (base32_decode(secret), code.parse::<u32>()) else {
        return None;
    };
    if code.len() != 6 {
        return None;
    }
    let step = unix_time / STEP_SECS;
    [step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|s| code_at(&key, *s) == given)
}

/// True when `code` matches now, or one step before or after.
pub fn verify(secret: &str, code: &str, unix_time: u64) -> bool {
    matching_step(secret, code, unix_time).is_some()
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The current code (tests and the set-up check use it).
pub fn current_code(secret: &str, unix_time: u64) -> Option<String> {
    base32_decode(secret).map(|key| format!("{:06}", code_at(&key, unix_time / STEP_SECS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA1 key "12345678901234567890".
    #[test]
    fn matches_the_rfc_test_vectors() {
        let secret = base32_encode(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert!(verify(&secret, "287082", 59));
        assert!(verify(&secret, "081804", 1111111109));
        assert!(verify(&secret, "005924", 1234567890));
        assert!(!verify(&secret, "005925", 1234567890));
        assert!(!verify(&secret, "abc", 1234567890));
    }

    #[test]
    fn base32_round_trips() {
        let secret = new_secret();
        assert_eq!(base32_encode(&base32_decode(&secret).unwrap()), secret);
    }
}
