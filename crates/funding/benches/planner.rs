//! Benchmark of the allocation planner on 10 000 contributions × 2 000 projects with mixed
//! earmarks (10 % project, 20 % region-and-theme, 30 % region or theme, 40 % unrestricted).
//! Pure computation, no database. Prints the median and the fastest run.
//!
//! `cargo bench -p funding --bench planner` (or `just bench`).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use api_types::funding::EarmarkInput;
use api_types::projects::Theme;
use funding::domain::earmark::{Earmark, ProjectProfile};
use funding::domain::planner::{Fund, Need, plan};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const CONTRIBUTIONS: usize = 10_000;
const PROJECTS: usize = 2_000;
const RUNS: usize = 7;
const REGIONS: [&str; 8] =
    ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"];

fn main() -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(2026);
    let known: BTreeSet<String> = REGIONS.iter().map(|r| (*r).to_owned()).collect();
    let some_regions = |rng: &mut StdRng, n: usize| -> Vec<String> {
        let mut out: Vec<String> = (0..n).map(|_| REGIONS[rng.random_range(0..REGIONS.len())].to_owned()).collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let some_themes = |rng: &mut StdRng, n: usize| -> Vec<Theme> {
        let mut out: Vec<Theme> = (0..n).map(|_| Theme::ALL[rng.random_range(0..Theme::ALL.len())]).collect();
        out.sort_unstable_by_key(|t| t.as_str());
        out.dedup();
        out
    };
    let needs: Vec<Need> = (0..PROJECTS)
        .map(|p| {
            let regions = some_regions(&mut rng, 1 + p % 2);
            Need {
                project: ProjectProfile {
                    id: Uuid::from_u128(p as u128 + 1),
                    theme: Theme::ALL[rng.random_range(0..Theme::ALL.len())],
                    regions: regions.into_iter().collect(),
                },
                remaining: rng.random_range(1_000_000..50_000_000),
            }
        })
        .collect();
    let mut funds = Vec::with_capacity(CONTRIBUTIONS);
    for c in 0..CONTRIBUTIONS {
        let roll = rng.random_range(0..10);
        let input = match roll {
            0 => EarmarkInput::Project { project_id: Uuid::from_u128(rng.random_range(1..=PROJECTS as u128)) },
            1 | 2 => {
                EarmarkInput::RegionsAndThemes { regions: some_regions(&mut rng, 2), themes: some_themes(&mut rng, 2) }
            }
            3 | 4 => EarmarkInput::Regions { regions: some_regions(&mut rng, 3) },
            5 => EarmarkInput::Themes { themes: some_themes(&mut rng, 2) },
            _ => EarmarkInput::Unrestricted,
        };
        let earmark = Earmark::parse(&input, &known).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        funds.push(Fund {
            contribution: Uuid::from_u128((1 << 64) | c as u128),
            earmark,
            open: rng.random_range(100_000..10_000_000),
        });
    }

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut allocated = 0;
    let mut allocations = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let p = plan(&funds, &needs);
        times.push(t.elapsed());
        allocated = p.allocations.iter().map(|a| a.amount).sum::<i64>();
        allocations = p.allocations.len();
    }
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "planner: {CONTRIBUTIONS} contributions × {PROJECTS} projects: median {:.1} ms, fastest {:.1} ms ({RUNS} runs); \
         {allocations} allocations, CHF {}.{:02} allocated",
        ms(times[RUNS / 2]),
        ms(times[0]),
        allocated / 100,
        allocated % 100
    );
    Ok(())
}
