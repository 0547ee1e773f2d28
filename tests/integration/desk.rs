//! A workstation in a test: one session handle on a service, and who is signed in there —
//! the owner made on first run, or a staff member who chose a password with a setup code.

use hairline::api::{dispatch, NoEvents, Service, SessionHandle};
use hairline::ApiError;
use serde_json::{json, Value};

/// The owner's password in tests.
pub const OWNER_PASSWORD: &str = "owner of the clinic";
/// The password every other staff member chooses in tests.
pub const STAFF_PASSWORD: &str = "treatment room two";

pub struct Desk<'a> {
    pub service: &'a Service,
    pub handle: SessionHandle,
}

impl<'a> Desk<'a> {
    /// A workstation where nobody is signed in.
    pub fn new(service: &'a Service) -> Self {
        Desk {
            service,
            handle: SessionHandle::new(),
        }
    }

    pub fn call(&self, name: &str, request: Value) -> Result<Value, ApiError> {
        dispatch(self.service, &NoEvents, &self.handle, name, request)
    }

    /// Creates the practice's owner (a manager) and signs them in; answers the desk and their id.
    pub fn owner(service: &'a Service, name: &str) -> (Self, Value) {
        let desk = Desk::new(service);
        let owner = desk
            .call(
                "create_owner",
                json!({"name": name, "password": OWNER_PASSWORD}),
            )
            .expect("the owner's account is created on first run");
        (desk, owner["staff_id"].clone())
    }

    /// Adds a staff member as the manager signed in here, who then chooses their password with
    /// the setup code on a desk of their own; answers that desk and their id.
    pub fn add_staff(&self, name: &str, role: &str) -> (Desk<'a>, Value) {
        let staff = self
            .call(
                "create_staff",
                json!({"input": {"name": name, "role": role}}),
            )
            .expect("a manager adds staff");
        let code = self
            .call("issue_setup_code", json!({"id": staff["id"]}))
            .expect("a manager issues a setup code")["code"]
            .clone();
        let theirs = Desk::new(self.service);
        theirs
            .call(
                "redeem_setup_code",
                json!({"staff_id": staff["id"], "code": code, "password": STAFF_PASSWORD}),
            )
            .expect("the setup code is redeemed");
        (theirs, staff["id"].clone())
    }
}
