//! From a lot to every client it touched, in one query.

use crate::support::*;
use hairline::*;

fn first_page() -> PageRequest {
    PageRequest::of(0, MAX_PAGE_ROWS, "uses").unwrap()
}

#[test]
fn a_pigment_lot_leads_to_every_client_and_session_that_used_it() {
    let mut clinic = Clinic::new();
    let ana = clinic.client("Ana", "Lopez");
    let ben = clinic.client("Ben", "Okafor");
    let cy = clinic.client("Cy", "Tanaka");
    let ana_plan = clinic.plan(ana.id);
    let ben_plan = clinic.plan(ben.id);
    let cy_plan = clinic.plan(cy.id);
    clinic.record(ana_plan.id, 1, "2026-05-01");
    clinic.record(ben_plan.id, 1, "2026-05-20");
    // Cy was treated with another lot only.
    let other_lot = clinic
        .practice
        .add_pigment_lot(
            Actor::System,
            clinic.pigment.id,
            &PigmentLotInput {
                lot_number: "PB-2026-02".into(),
                expires_on: day("2028-06-30"),
                received_on: None,
                opened_on: None,
            },
        )
        .unwrap();
    let mut input = clinic.session_input(cy_plan.id, 1, "2026-06-01");
    for zone in &mut input.zones {
        zone.pigment_lot_id = other_lot.id;
        zone.cartridge_lot = "CART-999".into();
    }
    clinic
        .practice
        .record_session(clinic.actor(), &input)
        .unwrap();

    let uses = clinic
        .practice
        .pigment_lot_uses(clinic.lot.id, first_page())
        .unwrap()
        .uses;
    let who: Vec<_> = uses
        .iter()
        .map(|u| (u.client_name.as_str(), u.zone))
        .collect();
    assert_eq!(
        who,
        [
            ("Ana Lopez", ScalpZone::FrontalHairline),
            ("Ana Lopez", ScalpZone::Crown),
            ("Ben Okafor", ScalpZone::FrontalHairline),
            ("Ben Okafor", ScalpZone::Crown)
        ]
    );
    assert_eq!(uses[0].phone, "07700 900123");
    let cartridge: Vec<_> = clinic
        .practice
        .cartridge_lot_uses(" CART-999 ", first_page())
        .unwrap()
        .uses
        .iter()
        .map(|u| u.client_id)
        .collect();
    assert_eq!(cartridge, [cy.id, cy.id]);
    assert!(clinic
        .practice
        .pigment_lot_uses(clinic.expired_lot.id, first_page())
        .unwrap()
        .uses
        .is_empty());
}
