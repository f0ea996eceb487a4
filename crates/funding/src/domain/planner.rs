//! The allocation planner: which contribution funds which project with how much.
//!
//! It is a flow problem: source → contribution → project → sink, where a contribution's edge
//! carries at most its open balance, a contribution reaches only the projects its earmark
//! admits, and a project's edge carries at most its remaining budget. Among all feasible flows
//! the planner picks the lexicographically best one:
//!
//! 1. projects in priority order: the first project gets as much as any plan could give it;
//!    given that, the second; and so on. A project never gets money a higher-priority project
//!    could have used;
//! 2. among those plans, the one that spends the most project-earmarked money, then the most
//!    region-and-theme money, then the most region- or theme-earmarked money (what is left is
//!    unrestricted), so that flexible money stays for later.
//!
//! Each level is a maximum flow that starts from the flow of the level before: stage 1 adds the
//! projects' sink edges one by one in priority order and augments after each (flow already at
//! the sink never decreases, so earlier projects keep their maxima); stage 2 fixes each project
//! at its stage-1 amount and adds the contributions' source edges by restriction, most
//! restricted first, augmenting after each group (flow already leaving the source never
//! decreases). A greedy pass cannot do this: it would give a project money that a later
//! project needed and that another contribution could have replaced.
//!
//! Contributions with the same earmark are interchangeable, so the network has one node per
//! distinct earmark; the flow of that node is then shared out among its contributions in the
//! order given (oldest money first). This keeps 10 000 contributions × 2 000 projects small.

use std::collections::HashMap;

use uuid::Uuid;

use super::earmark::{Earmark, ProjectProfile, Restriction};
use super::flow::{EdgeId, FlowNetwork, UNLIMITED};

/// Open money of one contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub contribution: Uuid,
    pub earmark: Earmark,
    /// CHF centimes received and not yet allocated.
    pub open: i64,
}

/// A project waiting for money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub project: ProjectProfile,
    /// CHF centimes of budget not yet allocated.
    pub remaining: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub contribution: Uuid,
    pub project: Uuid,
    pub amount: i64,
}

/// Why a project is not fully funded by the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// Fully funded.
    None,
    /// No contribution with open money may fund this project.
    NoEligibleFunds,
    /// Eligible money exists but is not enough; `to_higher_priority` of it went to projects
    /// ranked above this one.
    EligibleFundsExhausted { eligible: i64, to_higher_priority: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectOutcome {
    pub project: Uuid,
    pub remaining: i64,
    pub funded: i64,
    pub shortfall: Shortfall,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// At most one allocation per (contribution, project), in project priority order.
    pub allocations: Vec<Allocation>,
    /// One per need, in priority order.
    pub outcomes: Vec<ProjectOutcome>,
    /// Money spent per [`Restriction`], most restricted first.
    pub by_restriction: [i64; 4],
}

/// Funds of one earmark, pooled.
struct Class<'a> {
    earmark: &'a Earmark,
    total: i64,
    members: Vec<&'a Fund>,
}

const SOURCE: usize = 0;
const SINK: usize = 1;

/// The lexicographically best plan for `needs` (in priority order) from `funds` (in spending
/// order). Funds and needs with nothing open or remaining take no part.
pub fn plan(funds: &[Fund], needs: &[Need]) -> Plan {
    let mut classes: Vec<Class<'_>> = Vec::new();
    let mut class_of: HashMap<&Earmark, usize> = HashMap::new();
    for f in funds.iter().filter(|f| f.open > 0) {
        let i = *class_of.entry(&f.earmark).or_insert_with(|| {
            classes.push(Class { earmark: &f.earmark, total: 0, members: Vec::new() });
            classes.len() - 1
        });
        classes[i].total = classes[i].total.saturating_add(f.open);
        classes[i].members.push(f);
    }
    let project_index: HashMap<Uuid, usize> = needs.iter().enumerate().map(|(i, n)| (n.project.id, i)).collect();
    // Which classes may fund which need.
    let mut arcs: Vec<(usize, usize)> = Vec::new();
    for (k, class) in classes.iter().enumerate() {
        match class.earmark.project() {
            Some(id) => arcs.extend(project_index.get(&id).map(|&j| (k, j))),
            None => arcs.extend(
                needs.iter().enumerate().filter(|(_, n)| class.earmark.admits(&n.project)).map(|(j, _)| (k, j)),
            ),
        }
    }
    arcs.retain(|&(_, j)| needs[j].remaining > 0);

    let class_node = |k: usize| 2 + k;
    let need_node = |j: usize| 2 + classes.len() + j;
    let nodes = 2 + classes.len() + needs.len();

    // Stage 1: the most for each project in priority order.
    let mut g = FlowNetwork::new(nodes);
    for (k, c) in classes.iter().enumerate() {
        g.add_edge(SOURCE, class_node(k), c.total);
    }
    for &(k, j) in &arcs {
        g.add_edge(class_node(k), need_node(j), UNLIMITED);
    }
    let mut has_arc = vec![false; needs.len()];
    for &(_, j) in &arcs {
        has_arc[j] = true;
    }
    let mut funded = vec![0i64; needs.len()];
    for (j, need) in needs.iter().enumerate() {
        if need.remaining > 0 && has_arc[j] {
            let e = g.add_edge(need_node(j), SINK, need.remaining);
            g.augment(SOURCE, SINK);
            funded[j] = g.flow(e);
        }
    }
    // Earlier projects never lose what they got when later ones are added.

    // Stage 2: the same amounts per project, most restricted money first.
    let mut g = FlowNetwork::new(nodes);
    let arc_edges: Vec<EdgeId> =
        arcs.iter().map(|&(k, j)| g.add_edge(class_node(k), need_node(j), UNLIMITED)).collect();
    for (j, &f) in funded.iter().enumerate() {
        if f > 0 {
            g.add_edge(need_node(j), SINK, f);
        }
    }
    let mut by_restriction = [0i64; 4];
    for r in Restriction::ALL {
        let group: Vec<(usize, EdgeId)> = classes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.earmark.restriction() == r)
            .map(|(k, c)| (k, g.add_edge(SOURCE, class_node(k), c.total)))
            .collect();
        g.augment(SOURCE, SINK);
        by_restriction[r.index()] = group.iter().map(|&(_, e)| g.flow(e)).sum();
    }

    // Share each class's flow out among its contributions, oldest money first.
    let mut per_need: Vec<Vec<(usize, i64)>> = vec![Vec::new(); needs.len()];
    for (a, &(k, j)) in arcs.iter().enumerate() {
        let x = g.flow(arc_edges[a]);
        if x > 0 {
            per_need[j].push((k, x));
        }
    }
    let mut left: Vec<Vec<i64>> = classes.iter().map(|c| c.members.iter().map(|f| f.open).collect()).collect();
    let mut cursor = vec![0usize; classes.len()];
    let mut allocations = Vec::new();
    for (j, flows) in per_need.iter().enumerate() {
        for &(k, mut x) in flows {
            while x > 0 && cursor[k] < left[k].len() {
                let take = x.min(left[k][cursor[k]]);
                if take > 0 {
                    allocations.push(Allocation {
                        contribution: classes[k].members[cursor[k]].contribution,
                        project: needs[j].project.id,
                        amount: take,
                    });
                    left[k][cursor[k]] -= take;
                    x -= take;
                }
                if left[k][cursor[k]] == 0 {
                    cursor[k] += 1;
                }
            }
        }
    }

    let outcomes = explain(&classes, &arcs, needs, &per_need, &funded);
    Plan { allocations, outcomes, by_restriction }
}

/// Per project: what it gets and, when short, why.
fn explain(
    classes: &[Class<'_>],
    arcs: &[(usize, usize)],
    needs: &[Need],
    per_need: &[Vec<(usize, i64)>],
    funded: &[i64],
) -> Vec<ProjectOutcome> {
    let mut eligible_classes: Vec<Vec<usize>> = vec![Vec::new(); needs.len()];
    for &(k, j) in arcs {
        eligible_classes[j].push(k);
    }
    // Running total of what each class gave to projects ranked so far.
    let mut given = vec![0i64; classes.len()];
    let mut outcomes = Vec::with_capacity(needs.len());
    for (j, need) in needs.iter().enumerate() {
        let remaining = need.remaining.max(0);
        let shortfall = if funded[j] >= remaining {
            Shortfall::None
        } else if eligible_classes[j].is_empty() {
            Shortfall::NoEligibleFunds
        } else {
            Shortfall::EligibleFundsExhausted {
                eligible: eligible_classes[j].iter().map(|&k| classes[k].total).sum(),
                to_higher_priority: eligible_classes[j].iter().map(|&k| given[k]).sum(),
            }
        };
        outcomes.push(ProjectOutcome { project: need.project.id, remaining, funded: funded[j], shortfall });
        for &(k, x) in &per_need[j] {
            given[k] += x;
        }
    }
    outcomes
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use api_types::projects::Theme;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::earmark::ThemeCode;

    fn pid(j: usize) -> Uuid {
        Uuid::from_u128(1000 + j as u128)
    }

    fn cid(i: usize) -> Uuid {
        Uuid::from_u128(i as u128 + 1)
    }

    fn need(j: usize, theme: Theme, regions: &[&str], remaining: i64) -> Need {
        Need {
            project: ProjectProfile { id: pid(j), theme, regions: regions.iter().map(|r| (*r).to_owned()).collect() },
            remaining,
        }
    }

    fn fund(i: usize, earmark: Earmark, open: i64) -> Fund {
        Fund { contribution: cid(i), earmark, open }
    }

    fn regions(r: &[&str]) -> BTreeSet<String> {
        r.iter().map(|s| (*s).to_owned()).collect()
    }

    fn themes(t: &[Theme]) -> BTreeSet<ThemeCode> {
        t.iter().copied().map(ThemeCode::of).collect()
    }

    fn given(plan: &Plan, c: usize, p: usize) -> i64 {
        plan.allocations.iter().filter(|a| a.contribution == cid(c) && a.project == pid(p)).map(|a| a.amount).sum()
    }

    #[test]
    fn a_greedy_pass_would_starve_the_second_project() {
        // Unrestricted 100 and Asia-only 100; project 0 (Asia, 100) first, project 1 (Africa, 100).
        // Greedy would give project 0 the unrestricted money and leave project 1 with nothing.
        let funds = [fund(0, Earmark::Unrestricted, 100), fund(1, Earmark::Regions(regions(&["asia"])), 100)];
        let needs = [need(0, Theme::IctSupport, &["asia"], 100), need(1, Theme::IctSupport, &["africa"], 100)];
        let plan = plan(&funds, &needs);
        assert_eq!((given(&plan, 1, 0), given(&plan, 0, 1)), (100, 100));
        assert_eq!(plan.outcomes.iter().map(|o| o.shortfall).collect::<Vec<_>>(), [Shortfall::None; 2]);
    }

    #[test]
    fn priority_wins_over_restriction() {
        // Only unrestricted money fits project 0; project 1 could use it too but ranks lower.
        let funds = [fund(0, Earmark::Unrestricted, 150)];
        let needs = [need(0, Theme::Participation, &[], 100), need(1, Theme::Participation, &[], 100)];
        let plan = plan(&funds, &needs);
        assert_eq!((given(&plan, 0, 0), given(&plan, 0, 1)), (100, 50));
        assert_eq!(
            plan.outcomes[1].shortfall,
            Shortfall::EligibleFundsExhausted { eligible: 150, to_higher_priority: 100 }
        );
    }

    #[test]
    fn the_most_restricted_money_is_spent_first_for_each_shape() {
        let p = need(0, Theme::IctSupport, &["asia"], 100);
        let shapes = [
            Earmark::Project(pid(0)),
            Earmark::RegionsAndThemes(regions(&["asia"]), themes(&[Theme::IctSupport])),
            Earmark::Regions(regions(&["asia", "pacific"])),
            Earmark::Themes(themes(&[Theme::IctSupport])),
        ];
        for earmark in shapes {
            let funds = [fund(0, Earmark::Unrestricted, 100), fund(1, earmark.clone(), 60)];
            let plan = plan(&funds, std::slice::from_ref(&p));
            assert_eq!((given(&plan, 1, 0), given(&plan, 0, 0)), (60, 40), "{earmark:?}");
            assert_eq!(plan.by_restriction[earmark.restriction().index()], 60);
            assert_eq!(plan.by_restriction[Restriction::Unrestricted.index()], 40);
        }
        // Project money before region-and-theme money before region money.
        let funds = [
            fund(0, Earmark::Regions(regions(&["asia"])), 100),
            fund(1, Earmark::RegionsAndThemes(regions(&["asia"]), themes(&[Theme::IctSupport])), 100),
            fund(2, Earmark::Project(pid(0)), 30),
        ];
        let plan = plan(&funds, &[p]);
        assert_eq!([given(&plan, 2, 0), given(&plan, 1, 0), given(&plan, 0, 0)], [30, 70, 0]);
    }

    #[test]
    fn earmarks_are_never_crossed_and_shortfalls_explained() {
        let funds = [
            fund(0, Earmark::Project(pid(5)), 100),
            fund(1, Earmark::Themes(themes(&[Theme::ManagementSystems])), 100),
        ];
        let needs = [need(0, Theme::IctSupport, &["asia"], 100)];
        let plan = plan(&funds, &needs);
        assert!(plan.allocations.is_empty());
        assert_eq!(plan.outcomes[0].shortfall, Shortfall::NoEligibleFunds);
        assert_eq!(plan.outcomes[0].funded, 0);
    }

    #[test]
    fn contributions_of_one_earmark_are_spent_oldest_first() {
        let funds = [fund(0, Earmark::Unrestricted, 50), fund(1, Earmark::Unrestricted, 50)];
        let plan = plan(&funds, &[need(0, Theme::IctSupport, &[], 70)]);
        assert_eq!((given(&plan, 0, 0), given(&plan, 1, 0)), (50, 20));
    }

    // --- Exhaustive search on small instances -------------------------------------------------

    /// The planner's objective as a comparable key: amount per project in priority order, then
    /// money spent per restriction, most restricted first.
    fn key(x: &[Vec<i64>], funds: &[Fund], needs: &[Need]) -> Vec<i64> {
        let mut k: Vec<i64> = (0..needs.len()).map(|j| x.iter().map(|row| row[j]).sum()).collect();
        for r in &Restriction::ALL[..3] {
            k.push(
                funds
                    .iter()
                    .zip(x)
                    .filter(|(f, _)| f.earmark.restriction() == *r)
                    .map(|(_, row)| row.iter().sum::<i64>())
                    .sum(),
            );
        }
        k
    }

    /// Tries every integer allocation matrix within the balances, the budgets and the earmarks.
    fn best_by_search(funds: &[Fund], needs: &[Need]) -> Vec<i64> {
        fn go(cell: usize, x: &mut Vec<Vec<i64>>, funds: &[Fund], needs: &[Need], best: &mut Option<Vec<i64>>) {
            let cols = needs.len();
            if cell == funds.len() * cols {
                let k = key(x, funds, needs);
                if best.as_ref().is_none_or(|b| k > *b) {
                    *best = Some(k);
                }
                return;
            }
            let (i, j) = (cell / cols, cell % cols);
            let max = if funds[i].earmark.admits(&needs[j].project) {
                let used_c: i64 = x[i].iter().sum();
                let used_p: i64 = x.iter().map(|row| row[j]).sum();
                (funds[i].open - used_c).min(needs[j].remaining - used_p).max(0)
            } else {
                0
            };
            for v in 0..=max {
                x[i][j] = v;
                go(cell + 1, x, funds, needs, best);
            }
            x[i][j] = 0;
        }
        let mut x = vec![vec![0; needs.len()]; funds.len()];
        let mut best = None;
        go(0, &mut x, funds, needs, &mut best);
        best.unwrap_or_default()
    }

    fn earmark_strategy(projects: usize) -> impl Strategy<Value = Earmark> {
        let region = prop::sample::subsequence(vec!["asia", "africa"], 1..=2).prop_map(|r| regions(&r));
        let theme =
            prop::sample::subsequence(vec![Theme::IctSupport, Theme::Participation], 1..=2).prop_map(|t| themes(&t));
        prop_oneof![
            Just(Earmark::Unrestricted),
            region.clone().prop_map(Earmark::Regions),
            theme.clone().prop_map(Earmark::Themes),
            (region, theme).prop_map(|(r, t)| Earmark::RegionsAndThemes(r, t)),
            (0..projects).prop_map(|j| Earmark::Project(pid(j))),
        ]
    }

    fn instance() -> impl Strategy<Value = (Vec<Fund>, Vec<Need>)> {
        (1..=3usize, 1..=3usize).prop_flat_map(|(nf, np)| {
            let needs = prop::collection::vec(
                (
                    prop::sample::select(vec![Theme::IctSupport, Theme::Participation]),
                    prop::sample::subsequence(vec!["asia", "africa"], 0..=2),
                    0..=4i64,
                ),
                np,
            );
            let funds = prop::collection::vec((earmark_strategy(np), 0..=4i64), nf);
            (funds, needs).prop_map(|(funds, needs)| {
                let funds = funds.into_iter().enumerate().map(|(i, (e, open))| fund(i, e, open)).collect();
                let needs = needs.into_iter().enumerate().map(|(j, (t, r, rem))| need(j, t, &r, rem)).collect();
                (funds, needs)
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// On every small instance the planner's plan is feasible and exactly as good as the
        /// best one exhaustive search finds.
        #[test]
        fn the_plan_matches_exhaustive_search((funds, needs) in instance()) {
            let plan = plan(&funds, &needs);
            let mut x = vec![vec![0i64; needs.len()]; funds.len()];
            for a in &plan.allocations {
                prop_assert!(a.amount > 0);
                let i = funds.iter().position(|f| f.contribution == a.contribution).unwrap();
                let j = needs.iter().position(|n| n.project.id == a.project).unwrap();
                prop_assert!(funds[i].earmark.admits(&needs[j].project), "earmark crossed");
                x[i][j] += a.amount;
            }
            for (i, f) in funds.iter().enumerate() {
                prop_assert!(x[i].iter().sum::<i64>() <= f.open.max(0));
            }
            for (j, n) in needs.iter().enumerate() {
                let got: i64 = x.iter().map(|row| row[j]).sum();
                prop_assert!(got <= n.remaining.max(0));
                prop_assert_eq!(got, plan.outcomes[j].funded);
            }
            prop_assert_eq!(key(&x, &funds, &needs), best_by_search(&funds, &needs));
        }
    }
}
