//! Earmarks: the donor's hard promise about where a contribution's money may go, and the test
//! of whether a project is inside that promise.

use std::collections::BTreeSet;

use api_types::funding::EarmarkInput;
use api_types::projects::Theme;
use platform::error::FieldErrors;
use uuid::Uuid;

/// How restricted money is, most restricted first. The planner spends the most restricted money
/// first, because unrestricted money can fund anything later and restricted money cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Restriction {
    Project = 0,
    RegionAndTheme = 1,
    RegionOrTheme = 2,
    Unrestricted = 3,
}

impl Restriction {
    pub const ALL: [Restriction; 4] =
        [Restriction::Project, Restriction::RegionAndTheme, Restriction::RegionOrTheme, Restriction::Unrestricted];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A checked earmark in canonical form (sorted, deduplicated lists), so that two contributions
/// with the same promise compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Earmark {
    Unrestricted,
    Regions(BTreeSet<String>),
    Themes(BTreeSet<ThemeCode>),
    RegionsAndThemes(BTreeSet<String>, BTreeSet<ThemeCode>),
    Project(Uuid),
}

/// A theme with an order, so theme sets can be canonical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThemeCode(&'static str);

impl ThemeCode {
    pub fn of(theme: Theme) -> ThemeCode {
        ThemeCode(theme.as_str())
    }

    pub fn theme(self) -> Option<Theme> {
        Theme::parse(self.0)
    }
}

/// What the planner and the checks need to know about a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectProfile {
    pub id: Uuid,
    pub theme: Theme,
    /// Liaison regions of the project's beneficiaries.
    pub regions: BTreeSet<String>,
}

impl Earmark {
    /// Checks an earmark as a donor typed it. `known_regions` are the liaison region codes of the
    /// membership service; the project of a project earmark is checked by the caller.
    pub fn parse(input: &EarmarkInput, known_regions: &BTreeSet<String>) -> Result<Earmark, FieldErrors> {
        let mut problems = FieldErrors::new();
        let mut regions = |list: &[String]| -> BTreeSet<String> {
            let set: BTreeSet<String> = list.iter().map(|r| r.trim().to_owned()).collect();
            if set.is_empty() {
                problems.insert("earmark.regions".into(), "must name at least one liaison region".into());
            } else if let Some(bad) = set.iter().find(|r| !known_regions.contains(*r)) {
                problems.insert("earmark.regions".into(), format!("{bad:?} is not a liaison region"));
            }
            set
        };
        let earmark = match input {
            EarmarkInput::Unrestricted => Earmark::Unrestricted,
            EarmarkInput::Regions { regions: r } => Earmark::Regions(regions(r)),
            EarmarkInput::Themes { themes } => Earmark::Themes(themes_of(themes, &mut problems)),
            EarmarkInput::RegionsAndThemes { regions: r, themes } => {
                let r = regions(r);
                Earmark::RegionsAndThemes(r, themes_of(themes, &mut problems))
            }
            EarmarkInput::Project { project_id } => Earmark::Project(*project_id),
        };
        if problems.is_empty() { Ok(earmark) } else { Err(problems) }
    }

    /// The wire form.
    pub fn to_input(&self) -> EarmarkInput {
        let regions = |r: &BTreeSet<String>| r.iter().cloned().collect::<Vec<_>>();
        let themes = |t: &BTreeSet<ThemeCode>| t.iter().filter_map(|c| c.theme()).collect::<Vec<_>>();
        match self {
            Earmark::Unrestricted => EarmarkInput::Unrestricted,
            Earmark::Regions(r) => EarmarkInput::Regions { regions: regions(r) },
            Earmark::Themes(t) => EarmarkInput::Themes { themes: themes(t) },
            Earmark::RegionsAndThemes(r, t) => {
                EarmarkInput::RegionsAndThemes { regions: regions(r), themes: themes(t) }
            }
            Earmark::Project(id) => EarmarkInput::Project { project_id: *id },
        }
    }

    pub fn restriction(&self) -> Restriction {
        match self {
            Earmark::Project(_) => Restriction::Project,
            Earmark::RegionsAndThemes(..) => Restriction::RegionAndTheme,
            Earmark::Regions(_) | Earmark::Themes(_) => Restriction::RegionOrTheme,
            Earmark::Unrestricted => Restriction::Unrestricted,
        }
    }

    /// Whether money under this earmark may go to `project`.
    ///
    /// A region earmark admits a project only when *every* beneficiary region of the project is
    /// earmarked: a project that also works elsewhere would spend part of the money outside the
    /// promise. A project without regions is therefore never region-earmarked money's.
    pub fn admits(&self, project: &ProjectProfile) -> bool {
        let in_regions = |r: &BTreeSet<String>| !project.regions.is_empty() && project.regions.is_subset(r);
        let in_themes = |t: &BTreeSet<ThemeCode>| t.contains(&ThemeCode::of(project.theme));
        match self {
            Earmark::Unrestricted => true,
            Earmark::Regions(r) => in_regions(r),
            Earmark::Themes(t) => in_themes(t),
            Earmark::RegionsAndThemes(r, t) => in_regions(r) && in_themes(t),
            Earmark::Project(id) => *id == project.id,
        }
    }

    /// The project of a project earmark.
    pub fn project(&self) -> Option<Uuid> {
        match self {
            Earmark::Project(id) => Some(*id),
            _ => None,
        }
    }

    /// The regions named, if any (for KPIs of earmarked money).
    pub fn regions(&self) -> Option<&BTreeSet<String>> {
        match self {
            Earmark::Regions(r) | Earmark::RegionsAndThemes(r, _) => Some(r),
            _ => None,
        }
    }

    /// Stable name of the shape, as on the wire.
    pub fn kind(&self) -> &'static str {
        match self {
            Earmark::Unrestricted => "unrestricted",
            Earmark::Regions(_) => "regions",
            Earmark::Themes(_) => "themes",
            Earmark::RegionsAndThemes(..) => "regions_and_themes",
            Earmark::Project(_) => "project",
        }
    }
}

fn themes_of(themes: &[Theme], problems: &mut FieldErrors) -> BTreeSet<ThemeCode> {
    let set: BTreeSet<ThemeCode> = themes.iter().copied().map(ThemeCode::of).collect();
    if set.is_empty() {
        problems.insert("earmark.themes".into(), "must name at least one theme".into());
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions() -> BTreeSet<String> {
        ["asia", "pacific", "caribbean"].into_iter().map(str::to_owned).collect()
    }

    fn project(theme: Theme, regions: &[&str]) -> ProjectProfile {
        ProjectProfile { id: Uuid::from_u128(7), theme, regions: regions.iter().map(|r| (*r).to_owned()).collect() }
    }

    #[test]
    fn each_shape_admits_exactly_its_projects() {
        let known = regions();
        let parse = |json: &str| Earmark::parse(&serde_json::from_str(json).unwrap(), &known).unwrap();
        let asia_ict = project(Theme::IctSupport, &["asia"]);
        let asia_pacific_ict = project(Theme::IctSupport, &["asia", "pacific"]);
        let caribbean_training = project(Theme::StandardsDevelopmentTraining, &["caribbean"]);
        let nowhere = project(Theme::IctSupport, &[]);

        let u = parse(r#"{"kind":"unrestricted"}"#);
        assert!([&asia_ict, &caribbean_training, &nowhere].iter().all(|p| u.admits(p)));

        let r = parse(r#"{"kind":"regions","regions":["asia"]}"#);
        assert!(r.admits(&asia_ict));
        assert!(!r.admits(&asia_pacific_ict), "part of the money would go to the Pacific");
        assert!(!r.admits(&caribbean_training) && !r.admits(&nowhere));

        let t = parse(r#"{"kind":"themes","themes":["ict_support"]}"#);
        assert!(t.admits(&asia_ict) && t.admits(&nowhere) && !t.admits(&caribbean_training));

        let rt = parse(r#"{"kind":"regions_and_themes","regions":["asia","pacific"],"themes":["ict_support"]}"#);
        assert!(rt.admits(&asia_ict) && rt.admits(&asia_pacific_ict));
        assert!(!rt.admits(&caribbean_training) && !rt.admits(&nowhere));

        let p = parse(r#"{"kind":"project","project_id":"00000000-0000-0000-0000-000000000007"}"#);
        assert!(p.admits(&asia_ict) && p.admits(&nowhere));
        assert!(!p.admits(&ProjectProfile { id: Uuid::from_u128(8), ..asia_ict.clone() }));

        let order = [&p, &rt, &r, &t, &u].map(|e| e.restriction());
        assert_eq!(order, [0, 1, 2, 2, 3].map(|i| Restriction::ALL[i]));
    }

    #[test]
    fn earmarks_are_canonical_and_round_trip() {
        let known = regions();
        let a = Earmark::parse(
            &EarmarkInput::Regions { regions: vec!["pacific".into(), " asia".into(), "asia".into()] },
            &known,
        )
        .unwrap();
        let b =
            Earmark::parse(&EarmarkInput::Regions { regions: vec!["asia".into(), "pacific".into()] }, &known).unwrap();
        assert_eq!(a, b);
        assert_eq!(Earmark::parse(&a.to_input(), &known).unwrap(), a);
    }

    #[test]
    fn unknown_regions_and_empty_lists_are_named() {
        let known = regions();
        let err = Earmark::parse(&EarmarkInput::Regions { regions: vec!["atlantis".into()] }, &known).unwrap_err();
        assert!(err["earmark.regions"].contains("atlantis"));
        let err =
            Earmark::parse(&EarmarkInput::RegionsAndThemes { regions: vec![], themes: vec![] }, &known).unwrap_err();
        assert_eq!(err.keys().collect::<Vec<_>>(), ["earmark.regions", "earmark.themes"]);
    }
}
