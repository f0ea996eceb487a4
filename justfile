# Short recipes for people. `just` is optional (`pip install rust-just`): every recipe is one
# cargo command you can type yourself, and CI runs `.ci/run` (= `cargo xtask test`).

# Build everything and start Trellis (Ctrl-C stops it)
run:
    cargo xtask run

# Like `run`, with a debug build of the SPA and debug logs
dev:
    cargo xtask run --dev

# The whole suite, as CI runs it
test:
    cargo xtask test

# Clippy on the host build and on the SPA as the browser gets it
lint:
    cargo clippy --workspace --all-targets -- -D warnings
    cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# Format every crate
fmt:
    cargo fmt --all

# Build the SPA into frontend/dist/
web:
    cargo xtask web

# Benchmarks (release build): the members list with 10 000 members, medians over repeated
# runs, on SQLite and also on PostgreSQL when TEST_DATABASE_URL is set
bench:
    cargo bench -p membership --bench members_list
    cargo bench -p assessments --bench assessments
    cargo bench -p projects --bench projects_list
    cargo bench -p funding --bench planner --bench ledger
