//! What each role may do: the permissions of a manager, a practitioner and the front desk. The
//! command table says which permission each command needs; this says who holds it.

use crate::access::Permission;
use crate::vocab::StaffRole;

/// Everything a manager may do: every permission.
const MANAGER: &[Permission] = &[
    Permission::Account,
    Permission::ClientContact,
    Permission::ClinicalRecord,
    Permission::RecordSessions,
    Permission::Photos,
    Permission::Consent,
    Permission::ConsentStatus,
    Permission::ConsentTemplates,
    Permission::CatalogueView,
    Permission::Catalogue,
    Permission::Calendar,
    Permission::Recalls,
    Permission::Staff,
    Permission::ClinicSettings,
    Permission::DataSafety,
    Permission::Restore,
    Permission::Import,
    Permission::Export,
    Permission::Erasure,
    Permission::SampleClinic,
    Permission::Audit,
    Permission::Devices,
];

/// The full clinical record, sessions, consents and photos; the calendar and recalls; not the
/// clinic's administration.
const PRACTITIONER: &[Permission] = &[
    Permission::Account,
    Permission::ClientContact,
    Permission::ClinicalRecord,
    Permission::RecordSessions,
    Permission::Photos,
    Permission::Consent,
    Permission::ConsentStatus,
    Permission::CatalogueView,
    Permission::Calendar,
    Permission::Recalls,
    Permission::Audit,
];

/// Contact details, the calendar, recalls and whether consents hold; nothing clinical.
const FRONT_DESK: &[Permission] = &[
    Permission::Account,
    Permission::ClientContact,
    Permission::Calendar,
    Permission::Recalls,
    Permission::ConsentStatus,
];

/// The permissions a role holds (besides [`Permission::Open`], which needs no one).
pub fn permissions(role: StaffRole) -> &'static [Permission] {
    match role {
        StaffRole::Manager => MANAGER,
        StaffRole::Practitioner => PRACTITIONER,
        StaffRole::FrontDesk => FRONT_DESK,
    }
}

/// Whether `role` may do what `permission` allows.
pub fn permits(role: StaffRole, permission: Permission) -> bool {
    permission == Permission::Open || permissions(role).contains(&permission)
}

/// The role in words: "practitioner", "manager", "front desk".
pub fn in_words(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Manager => "manager",
        StaffRole::Practitioner => "practitioner",
        StaffRole::FrontDesk => "front desk",
    }
}

/// Whether someone with `role` may be the practitioner of a session or countersign a consent:
/// practitioners, and managers who treat (an owner who is also the clinic's practitioner).
pub fn treats(role: StaffRole) -> bool {
    matches!(role, StaffRole::Practitioner | StaffRole::Manager)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_desk_sees_nothing_clinical_and_only_managers_administer() {
        for clinical in [
            Permission::ClinicalRecord,
            Permission::RecordSessions,
            Permission::Photos,
            Permission::Consent,
        ] {
            assert!(!permits(StaffRole::FrontDesk, clinical), "{clinical:?}");
            assert!(permits(StaffRole::Practitioner, clinical), "{clinical:?}");
        }
        for admin in [
            Permission::Staff,
            Permission::Restore,
            Permission::Erasure,
            Permission::ConsentTemplates,
            Permission::Export,
            Permission::ClinicSettings,
            Permission::Catalogue,
        ] {
            assert!(!permits(StaffRole::Practitioner, admin), "{admin:?}");
            assert!(!permits(StaffRole::FrontDesk, admin), "{admin:?}");
            assert!(permits(StaffRole::Manager, admin), "{admin:?}");
        }
    }

    #[test]
    fn a_manager_holds_every_permission_the_others_hold() {
        for role in StaffRole::ALL {
            for p in permissions(*role) {
                assert!(permits(StaffRole::Manager, *p), "{p:?}");
            }
        }
    }
}
