//! A member's request for ICT support, parsed from what it typed, and the reason staff give
//! when they close one.

use api_types::assessments::{CreateSupportRequest, Urgency};

use super::{Problems, Refusal};

pub const TEXT_MAX: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupportRequest {
    needs: String,
    context: String,
    urgency: Urgency,
}

impl NewSupportRequest {
    pub fn parse(input: CreateSupportRequest) -> Result<NewSupportRequest, Refusal> {
        let mut problems = Problems::new();
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
        Refusal::check(problems)?;
        Ok(NewSupportRequest { needs, context, urgency: input.urgency })
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

/// Why a request is closed: required, at most 1 000 characters.
pub fn close_reason(reason: &str) -> Result<String, Refusal> {
    let mut problems = Problems::new();
    let reason = super::text::required(&mut problems, "reason", reason, 1_000);
    Refusal::check(problems)?;
    Ok(reason)
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
        assert!(matches!(err, Refusal::Invalid(p) if p.keys().collect::<Vec<_>>() == ["context", "needs"]));
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
        assert!(close_reason("  ").is_err());
        assert_eq!(close_reason(" duplicate ").unwrap(), "duplicate");
    }
}
