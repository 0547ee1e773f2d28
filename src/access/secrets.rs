//! The secrets staff prove themselves with — passwords, PINs, one-time setup codes — and how they
//! are kept: only as argon2id hashes with a per-secret salt (PHC strings), never as text. A
//! [`Secret`] never prints: its `Debug` is a mask, so a logged request shows no password.

use crate::access::common_passwords::is_common;
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::Deserialize;
use ts_rs::TS;

/// argon2id memory cost: 64 MiB per verification.
pub const MEMORY_KIB: u32 = 64 * 1024;
/// argon2id passes over that memory. With [`MEMORY_KIB`] and one lane, one verification takes
/// about 0.15–0.2 s on the clinic's 2-core machine, 0.4 s with a build on the other core
/// (`cargo bench --bench sign_in`): slow enough that a stolen database file cannot be guessed at
/// speed, quick enough for a sign-in.
pub const ITERATIONS: u32 = 3;
/// argon2id lanes: one, so a sign-in never takes both cores of a small workstation.
pub const PARALLELISM: u32 = 1;

/// Passwords are at least this long (characters); no other composition rule.
pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 200;
/// PINs are 4 to 8 digits.
const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;
/// Setup codes: letters and digits nobody confuses (no 0/O, 1/I/L), in three groups of four.
const SETUP_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const SETUP_CODE_CHARS: usize = 12;

/// A password, PIN or code as typed. It is compared and hashed, never shown: `Debug` masks it.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(•••)")
    }
}

fn argon2id() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("the argon2 parameters above are within argon2's bounds");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The argon2id hash of `secret` with a fresh random salt, as a PHC string.
pub(crate) fn hash_secret(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2id()
        .hash_password(secret.as_bytes(), &salt)
        .expect("hashing with valid parameters and a generated salt succeeds")
        .to_string()
}

/// Whether `secret` is the one `stored` (a PHC string) was made from; a stored value that is not
/// a hash matches nothing.
pub(crate) fn verify_secret(secret: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(hash) => argon2id().verify_password(secret.as_bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

/// A secret typed to prove who one is, in `field` (`words` says what it is: "password",
/// "PIN"…): a blank one is named and never tried, so it neither signs anyone in nor counts
/// toward the wait as a wrong one.
pub(crate) fn check_typed(field: &str, secret: &Secret, words: &str) -> Result<()> {
    if secret.expose().trim().is_empty() {
        return Err(Error::validation(field, format!("Type your {words}")));
    }
    Ok(())
}

/// A new secret typed a second time, when the form has that field (`repeat`): it must be the
/// same, or the person would not know which one they chose (`plural` names them: "passwords").
pub(crate) fn check_repeated(chosen: &Secret, repeat: Option<&Secret>, plural: &str) -> Result<()> {
    if repeat.is_some_and(|again| again != chosen) {
        return Err(Error::validation(
            "repeat",
            format!("The two {plural} are not the same"),
        ));
    }
    Ok(())
}

/// A new password for `name`'s account (field `field`): at least ten characters, not one of
/// the most common passwords, not the person's own name.
pub(crate) fn check_new_password(field: &str, password: &Secret, name: &str) -> Result<()> {
    let text = password.expose();
    let chars = text.chars().count();
    if text.trim().is_empty() {
        return Err(Error::validation(field, "Choose a password"));
    }
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::validation(
            field,
            format!(
                "A password needs at least {MIN_PASSWORD_CHARS} characters (this one has {chars}); a few words together make a good one"
            ),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Error::validation(
            field,
            format!("A password can have at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    let folded = fold(text);
    if is_common(&folded) {
        return Err(Error::validation(
            field,
            "That is one of the most common passwords, which are guessed first; choose another",
        ));
    }
    if folded == fold(name) {
        return Err(Error::validation(
            field,
            "A password cannot be your own name; choose another",
        ));
    }
    Ok(())
}

/// Lower case without spaces, for comparing a password with the common ones and a name.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A new PIN (field `pin`): 4 to 8 digits.
pub(crate) fn check_new_pin(pin: &Secret) -> Result<()> {
    let text = pin.expose();
    if text.is_empty() {
        return Err(Error::validation("pin", "Choose a PIN of 4 to 8 digits"));
    }
    if !text.chars().all(|c| c.is_ascii_digit()) || !PIN_DIGITS.contains(&text.len()) {
        return Err(Error::validation(
            "pin",
            "A PIN is 4 to 8 digits, nothing else",
        ));
    }
    Ok(())
}

/// A fresh one-time setup code, "ABCD-EFGH-JKMN" (about 59 bits from the OS's random source).
pub(crate) fn new_setup_code() -> String {
    let mut code = String::with_capacity(SETUP_CODE_CHARS + 2);
    for i in 0..SETUP_CODE_CHARS {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        // Rejection sampling keeps every letter equally likely.
        let limit = 256 - 256 % SETUP_CODE_ALPHABET.len() as u32;
        let pick = loop {
            let byte = OsRng.next_u32() & 0xff;
            if byte < limit {
                break byte as usize % SETUP_CODE_ALPHABET.len();
            }
        };
        code.push(SETUP_CODE_ALPHABET[pick] as char);
    }
    code
}

/// A setup code as typed, in the form it was hashed: upper case, without spaces or dashes.
pub(crate) fn normalise_setup_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_secret_only_and_never_contains_it() {
        let hash = hash_secret("correct horse battery");
        assert!(
            hash.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains("correct horse"));
        assert!(verify_secret("correct horse battery", &hash));
        assert!(!verify_secret("correct horse batterY", &hash));
        assert!(!verify_secret("correct horse battery", "not a hash"));
        // A fresh salt each time: the same password never hashes the same twice.
        assert_ne!(hash, hash_secret("correct horse battery"));
    }

    #[test]
    fn passwords_need_ten_characters_and_must_not_be_common_or_the_name() {
        let check = |p: &str| check_new_password("password", &Secret::new(p), "Dana Reyes");
        assert!(check("").is_err());
        assert!(check("          ").is_err());
        let short = check("nine char").unwrap_err().to_string();
        assert!(
            short.contains("at least 10") && short.contains("has 9"),
            "{short}"
        );
        assert!(check("1234567890").is_err());
        assert!(check("Password123").is_err());
        assert!(check("dana reyes").is_err());
        assert!(check("Dana Reyes").is_err());
        assert!(check(&"x".repeat(201)).is_err());
        // No composition rules: lower-case words are fine.
        assert!(check("purple tractor lamp").is_ok());
        assert!(check("ééééééééééé").is_ok());
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        for bad in ["", "123", "123456789", "12a4", "１２３４", "12 34"] {
            assert!(check_new_pin(&Secret::new(bad)).is_err(), "{bad:?}");
        }
        for good in ["1234", "00000000", "480915"] {
            assert!(check_new_pin(&Secret::new(good)).is_ok(), "{good}");
        }
    }

    #[test]
    fn setup_codes_are_three_groups_of_unambiguous_letters_and_read_back_as_typed() {
        let code = new_setup_code();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert!(code
            .chars()
            .filter(|c| *c != '-')
            .all(|c| SETUP_CODE_ALPHABET.contains(&(c as u8))));
        assert_ne!(code, new_setup_code());
        assert_eq!(
            normalise_setup_code(&format!(" {} ", code.to_lowercase())),
            code.replace('-', "")
        );
    }

    #[test]
    fn a_secret_never_prints() {
        let secret = Secret::new("hunter2hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
