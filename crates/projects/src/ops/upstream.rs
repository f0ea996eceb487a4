//! The other services this one calls, with the caller's signed identity forwarded so that they
//! apply their own access rules to the same person.

use clients::{ClientError, FundingClient, MembershipClient, ServiceClient};
use platform::ApiError;

/// Base clients of the services the projects service reads.
#[derive(Debug, Clone)]
pub struct Upstreams {
    pub membership: ServiceClient,
    pub funding: ServiceClient,
}

/// Who the calls are made for: the signed identity and request id of the incoming request.
#[derive(Debug, Clone, Default)]
pub struct Forwarded {
    pub identity: String,
    pub request_id: Option<String>,
}

impl Upstreams {
    fn on_behalf(base: &ServiceClient, fwd: &Forwarded) -> ServiceClient {
        let client = base.as_caller(fwd.identity.clone());
        match &fwd.request_id {
            Some(id) => client.with_request_id(id.clone()),
            None => client,
        }
    }

    pub fn membership(&self, fwd: &Forwarded) -> MembershipClient {
        MembershipClient(Self::on_behalf(&self.membership, fwd))
    }

    pub fn funding(&self, fwd: &Forwarded) -> FundingClient {
        FundingClient(Self::on_behalf(&self.funding, fwd))
    }
}

/// A membership failure other than "not found": the service is down or answered nonsense.
pub fn membership_down(err: ClientError) -> ApiError {
    tracing::warn!(error = %err, "membership service unavailable");
    ApiError::Unavailable {
        service: "membership".to_owned(),
        message: "the member registry cannot be reached; nothing was saved, try again shortly".to_owned(),
    }
}
