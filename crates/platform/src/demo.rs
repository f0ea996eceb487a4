//! Fixed ids of the demo records that link across services: the gateway's demo accounts point
//! at a member body seeded by membership and a donor seeded by funding. Demo data only; a
//! production deployment never seeds it.

use uuid::{Uuid, uuid};

/// The developing-country member body of `member@trellis.test`.
pub const MEMBER_ID: Uuid = uuid!("0197a000-0000-7000-8000-00000000b001");

/// The donor of `donor@trellis.test`.
pub const DONOR_ID: Uuid = uuid!("0197a000-0000-7000-8000-00000000d001");

/// The password of every demo account.
pub const PASSWORD: &str = "trellis-demo";
