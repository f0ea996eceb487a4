//! The role-aware main navigation, and which role may open which page.
//!
//! One table per role keeps the header, the home page's section cards and the browser tests
//! (which check `data-nav` keys) in agreement.

use api_types::Role;

use crate::i18n::K;

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    /// Stable key, rendered as `data-nav` (the browser tests look for it).
    pub key: &'static str,
    pub href: &'static str,
    pub label: K,
    /// One line on the home page saying what the section is for.
    pub desc: K,
    /// Served by the gateway, not by the SPA: the router must let the browser load it.
    pub external: bool,
}

const fn item(key: &'static str, href: &'static str, label: K, desc: K) -> NavItem {
    NavItem { key, href, label, desc, external: false }
}

const HOME: NavItem = item("home", "/", K::NavHome, K::HomeTitle);
const COUNTRIES: NavItem = item("countries", "/countries", K::NavCountries, K::DescCountries);
const SIGN_IN: NavItem = item("sign-in", "/sign-in", K::SignIn, K::DescSignIn);
const FUNDABLE: NavItem = item("projects", "/projects?status=approved", K::NavFundable, K::DescFundable);
const CONTRIBUTE: NavItem = item("contribute", "/contribute", K::NavContribute, K::DescContribute);
const DONOR_PROFILE: NavItem = item("donor-profile", "/donor-profile", K::NavDonorProfile, K::DescDonorProfile);
const ORGANISATION: NavItem = item("organisation", "/organisation", K::NavOrganisation, K::DescOrganisation);
const PROPOSALS: NavItem = item("proposals", "/projects", K::NavProposals, K::DescProposals);
const ICT_SUPPORT: NavItem = item("ict-support", "/ict-support", K::NavIctSupport, K::DescIctSupport);
const MEMBERS: NavItem = item("members", "/members", K::NavMembers, K::DescMembers);
const DONORS: NavItem = item("donors", "/donors", K::NavDonors, K::DescDonors);
const ICT_REQUESTS: NavItem = item("ict-requests", "/ict-support", K::NavIctRequests, K::DescIctRequests);
const PROJECTS: NavItem = item("projects", "/projects", K::NavProjects, K::DescProjects);
const SYSTEM: NavItem = item("system", "/system", K::NavSystem, K::DescSystem);
const API_DOCS: NavItem =
    NavItem { key: "api-docs", href: "/api/docs", label: K::NavApiDocs, desc: K::DescApiDocs, external: true };

/// The navigation of `role`, or of a signed-out visitor.
pub fn nav_for(role: Option<Role>) -> &'static [NavItem] {
    match role {
        None => &[HOME, COUNTRIES, SIGN_IN],
        Some(Role::Donor) => &[HOME, FUNDABLE, CONTRIBUTE, DONOR_PROFILE, COUNTRIES],
        Some(Role::Member) => &[HOME, ORGANISATION, PROPOSALS, ICT_SUPPORT, COUNTRIES],
        Some(Role::Staff) => &[HOME, MEMBERS, PROPOSALS, DONORS, ICT_REQUESTS, COUNTRIES, API_DOCS],
        Some(Role::Committee) => &[HOME, MEMBERS, PROJECTS, DONORS, COUNTRIES],
        Some(Role::Admin) => &[HOME, SYSTEM, COUNTRIES, API_DOCS],
    }
}

/// Who may open each protected page. Kept next to the navigation so that a link is never
/// offered to a role that would then be told "not allowed".
pub mod allow {
    use api_types::Role;

    pub const MEMBERS: &[Role] = &[Role::Staff, Role::Committee, Role::Admin];
    pub const ORGANISATION: &[Role] = &[Role::Member];
    pub const PROJECTS: &[Role] = &[Role::Donor, Role::Member, Role::Staff, Role::Committee];
    pub const NEW_PROPOSAL: &[Role] = &[Role::Member];
    pub const DONORS: &[Role] = &[Role::Staff, Role::Committee];
    pub const NEW_DONOR: &[Role] = &[Role::Staff];
    pub const DONOR_PROFILE: &[Role] = &[Role::Donor];
    pub const CONTRIBUTE: &[Role] = &[Role::Donor];
    pub const ICT_SUPPORT: &[Role] = &[Role::Member, Role::Staff];
    pub const NEW_ICT_REQUEST: &[Role] = &[Role::Member];
    pub const QUESTIONNAIRE: &[Role] = &[Role::Member, Role::Staff];
    pub const SYSTEM: &[Role] = &[Role::Admin];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(role: Option<Role>) -> Vec<&'static str> {
        nav_for(role).iter().map(|i| i.key).collect()
    }

    #[test]
    fn each_role_gets_its_own_sections() {
        assert_eq!(keys(None), ["home", "countries", "sign-in"]);
        assert_eq!(keys(Some(Role::Donor)), ["home", "projects", "contribute", "donor-profile", "countries"]);
        assert_eq!(keys(Some(Role::Member)), ["home", "organisation", "proposals", "ict-support", "countries"]);
        assert_eq!(
            keys(Some(Role::Staff)),
            ["home", "members", "proposals", "donors", "ict-requests", "countries", "api-docs"]
        );
        assert_eq!(keys(Some(Role::Committee)), ["home", "members", "projects", "donors", "countries"]);
        assert_eq!(keys(Some(Role::Admin)), ["home", "system", "countries", "api-docs"]);
    }

    #[test]
    fn no_role_is_offered_a_page_it_may_not_open() {
        for role in Role::ALL {
            for item in nav_for(Some(role)) {
                let path = item.href.split('?').next().unwrap_or_default();
                let allowed: &[Role] = match path {
                    "/members" => allow::MEMBERS,
                    "/organisation" => allow::ORGANISATION,
                    "/projects" => allow::PROJECTS,
                    "/donors" => allow::DONORS,
                    "/donor-profile" => allow::DONOR_PROFILE,
                    "/contribute" => allow::CONTRIBUTE,
                    "/ict-support" => allow::ICT_SUPPORT,
                    "/system" => allow::SYSTEM,
                    _ => &Role::ALL,
                };
                assert!(allowed.contains(&role), "{role} is offered {path}");
            }
        }
    }
}
