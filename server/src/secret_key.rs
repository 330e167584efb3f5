//! The server's key file: created at first start (32 random bytes, readable
//! by the portal's user only), read at every start after. Every `portal
//! serve` process of one database must be given the same file.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use app::platform::secrets::SecretKey;

pub fn load_or_create(path: &Path) -> anyhow::Result<SecretKey> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            let key = SecretKey::random();
            file.write_all(&key.to_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("cannot write the key file {}", path.display()))?;
            tracing::info!(path = %path.display(), "new server key file created");
            Ok(key)
        }
        // Created before (or by another process starting at the same time).
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the key file {}", path.display()))?;
            SecretKey::from_bytes(&bytes).with_context(|| {
                format!(
                    "{} is not a key file (32 bytes expected, {} found)",
                    path.display(),
                    bytes.len()
                )
            })
        }
        Err(err) => Err(err).with_context(|| format!("cannot create the key file {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::load_or_create;

    #[test]
    fn the_key_file_is_made_once_and_read_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/portal.key");
        let first = load_or_create(&path).unwrap();
        let sealed = first.seal("secret");
        let again = load_or_create(&path).unwrap();
        assert_eq!(again.open(&sealed).as_deref(), Some("secret"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(load_or_create(&path).is_err());
    }
}
