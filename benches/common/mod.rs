//! What the benchmarks share: a client with only the required details.

use hairline::{ClientInput, ContactChannel};

/// A client with a name and a phone number, nothing else.
pub fn client_input(first_name: &str, last_name: &str) -> ClientInput {
    ClientInput {
        first_name: first_name.into(),
        last_name: last_name.into(),
        date_of_birth: None,
        phone: "07700 900000".into(),
        email: String::new(),
        address: String::new(),
        preferred_contact: ContactChannel::Phone,
        care_reminders_consent: true,
        marketing_consent: false,
        fitzpatrick: None,
        hair_loss_pattern: None,
        indication: None,
        hair_coverage: None,
        hair_length: None,
        sun_exposure: None,
        contraindications: vec![],
        medications: String::new(),
        allergies: String::new(),
        notes: String::new(),
    }
}
