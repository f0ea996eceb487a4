//! A member's request for ICT support, parsed from what it typed.

use std::collections::BTreeMap;

use api_types::assessments::{CreateSupportRequest, Urgency};

pub const TEXT_MAX: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupportRequest {
    needs: String,
    context: String,
    urgency: Urgency,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: {0:?}")]
pub struct InvalidRequest(pub BTreeMap<String, String>);

impl NewSupportRequest {
    pub fn parse(input: CreateSupportRequest) -> Result<NewSupportRequest, InvalidRequest> {
        let mut problems = BTreeMap::new();
        let needs = input.needs.trim().to_owned();
        let context = input.context.trim().to_owned();
        if needs.chars().count() < 10 {
            problems.insert("needs".to_owned(), "describe what is needed in at least 10 characters".to_owned());
        }
        if context.is_empty() {
            problems.insert("context".to_owned(), "say why it is needed and what the situation is today".to_owned());
        }
        for (field, text) in [("needs", &needs), ("context", &context)] {
            if text.chars().count() > TEXT_MAX {
                problems.insert(field.to_owned(), format!("must be at most {TEXT_MAX} characters"));
            }
        }
        if problems.is_empty() {
            Ok(NewSupportRequest { needs, context, urgency: input.urgency })
        } else {
            Err(InvalidRequest(problems))
        }
    }

    pub fn needs(&self) -> &str {
        &self.needs
    }

    pub fn context(&self) -> &str {
        &self.context
    }

    pub fn urgency(&self) -> Urgency {
        self.urgency
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_needs_and_empty_context_are_reported_together() {
        let err = NewSupportRequest::parse(CreateSupportRequest {
            needs: "wifi".into(),
            context: " ".into(),
            urgency: Urgency::High,
        })
        .unwrap_err();
        assert_eq!(err.0.keys().collect::<Vec<_>>(), ["context", "needs"]);
    }

    #[test]
    fn a_complete_request_parses_trimmed() {
        let ok = NewSupportRequest::parse(CreateSupportRequest {
            needs: " A 20 Mbit/s line and a backup link ".into(),
            context: "Video meetings drop daily.".into(),
            urgency: Urgency::Medium,
        })
        .unwrap();
        assert_eq!(ok.needs(), "A 20 Mbit/s line and a backup link");
    }
}
