//! What each request status allows: `open → assessing` (first answers saved) `→ scored`
//! (assessment submitted) `→ accepted` (package accepted); staff close an open, assessing or
//! scored request. Accepted and closed are final.

use api_types::assessments::RequestStatus;

use super::{Refusal, codes};

/// Saving answers: open or assessing; the status it moves to.
pub fn save_answers(status: RequestStatus) -> Result<RequestStatus, Refusal> {
    match status {
        RequestStatus::Open | RequestStatus::Assessing => Ok(RequestStatus::Assessing),
        RequestStatus::Scored | RequestStatus::Accepted => {
            Err(Refusal::conflict(codes::ASSESSMENT_SUBMITTED, "The assessment was submitted; its answers are final."))
        }
        RequestStatus::Closed => Err(closed()),
    }
}

/// Submitting: the same states as saving answers; it moves to scored.
pub fn submit(status: RequestStatus) -> Result<RequestStatus, Refusal> {
    save_answers(status).map(|_| RequestStatus::Scored)
}

/// Editing the recommendations: scored only.
pub fn edit_package(status: RequestStatus) -> Result<(), Refusal> {
    match status {
        RequestStatus::Scored => Ok(()),
        RequestStatus::Open | RequestStatus::Assessing => Err(not_scored()),
        RequestStatus::Accepted => {
            Err(Refusal::conflict(codes::PACKAGE_ACCEPTED, "The package was accepted; its recommendations are final."))
        }
        RequestStatus::Closed => Err(closed()),
    }
}

/// What accepting does in `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Accept now.
    Now,
    /// Accepted already: answer with the existing proposal (a retried call changes nothing).
    Already,
}

pub fn accept(status: RequestStatus) -> Result<Accept, Refusal> {
    match status {
        RequestStatus::Scored => Ok(Accept::Now),
        RequestStatus::Accepted => Ok(Accept::Already),
        RequestStatus::Open | RequestStatus::Assessing => Err(not_scored()),
        RequestStatus::Closed => Err(closed()),
    }
}

/// Closing: any status but accepted and closed.
pub fn close(status: RequestStatus) -> Result<RequestStatus, Refusal> {
    match status {
        RequestStatus::Open | RequestStatus::Assessing | RequestStatus::Scored => Ok(RequestStatus::Closed),
        RequestStatus::Accepted | RequestStatus::Closed => Err(Refusal::conflict(
            codes::ILLEGAL_TRANSITION,
            format!("A request that is {} cannot be closed.", status.as_str()),
        )),
    }
}

/// Reading the score or the recommendations: only once scored.
pub fn scored(status: RequestStatus) -> Result<(), Refusal> {
    match status {
        RequestStatus::Scored | RequestStatus::Accepted => Ok(()),
        RequestStatus::Closed | RequestStatus::Open | RequestStatus::Assessing => Err(not_scored()),
    }
}

fn not_scored() -> Refusal {
    Refusal::conflict(codes::NOT_SCORED, "The assessment has not been submitted yet.")
}

fn closed() -> Refusal {
    Refusal::conflict(codes::REQUEST_CLOSED, "The request was closed.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    fn code(r: Result<impl std::fmt::Debug, Refusal>) -> &'static str {
        match r {
            Err(Refusal::Conflict { code, .. }) => code,
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[test]
    fn the_request_moves_forward_only() {
        assert_eq!(save_answers(Open).unwrap(), Assessing);
        assert_eq!(submit(Assessing).unwrap(), Scored);
        assert_eq!(code(save_answers(Scored)), codes::ASSESSMENT_SUBMITTED);
        assert_eq!(code(submit(Accepted)), codes::ASSESSMENT_SUBMITTED);
        assert_eq!(code(save_answers(Closed)), codes::REQUEST_CLOSED);
        assert_eq!(accept(Scored).unwrap(), Accept::Now);
        assert_eq!(accept(Accepted).unwrap(), Accept::Already);
        assert_eq!(code(accept(Assessing)), codes::NOT_SCORED);
        assert_eq!(code(edit_package(Accepted)), codes::PACKAGE_ACCEPTED);
        assert!(edit_package(Scored).is_ok());
        assert_eq!(close(Scored).unwrap(), Closed);
        assert_eq!(code(close(Accepted)), codes::ILLEGAL_TRANSITION);
        assert!(scored(Accepted).is_ok());
        assert_eq!(code(scored(Open)), codes::NOT_SCORED);
    }
}
