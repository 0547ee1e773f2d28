//! The short list of the most common passwords (ten characters or more) shipped with Hairline,
//! which a new password may not be: they are the first an attacker tries.

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("common-passwords.txt");

/// Whether `folded` (lower case, no spaces) is on the list.
pub(crate) fn is_common(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
    .contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_only_passwords_long_enough_to_pass_the_length_rule() {
        for line in LIST
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            assert_eq!(line, line.trim().to_lowercase(), "{line:?} is not folded");
            assert!(
                line.chars().count() >= crate::access::secrets::MIN_PASSWORD_CHARS,
                "{line:?} is shorter than any password Hairline accepts"
            );
        }
        assert!(is_common("password123"));
        assert!(!is_common("purpletractorlamp"));
    }
}
