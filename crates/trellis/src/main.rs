//! The Trellis launcher: every service and the gateway in one process, each on its own
//! loopback port, on an embedded default — SQLite files under the data folder, one in-process
//! backplane standing in for Redis, migrations applied, demo data seeded on first start.
//!
//! Everything the services read from their settings still applies (a `--config` file,
//! `MEMBERSHIP__DATABASE__URL`, `GATEWAY__REDIS__URL`, …); the flags below only change the
//! defaults that make one command run the whole system.

mod demo_round;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use platform::Backplane;
use platform::server::Server;
use platform::settings::ServiceSettings;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Parser)]
#[command(name = "trellis", version, about = "Run every Trellis service and the gateway in one process")]
struct Args {
    /// Folder for the SQLite databases (one file per service).
    #[arg(long, env = "TRELLIS_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// The built single-page app.
    #[arg(long, env = "TRELLIS_SPA_DIR", default_value = "frontend/dist")]
    spa_dir: PathBuf,
    /// Address the gateway listens on.
    #[arg(long, env = "TRELLIS_HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port of the gateway (the only one a browser needs).
    #[arg(long, env = "TRELLIS_PORT", default_value_t = 8080)]
    port: u16,
    /// `fixed`: services on 8081-8084 (or their configured ports); `auto`: free ports.
    #[arg(long, value_enum, default_value_t = InternalPorts::Fixed)]
    internal_ports: InternalPorts,
    /// A TOML settings file with a table per service (`[membership.database]`, `[gateway.session]`, …).
    #[arg(long, env = "TRELLIS_CONFIG")]
    config: Option<PathBuf>,
    /// Do not seed demo data on first start.
    #[arg(long)]
    no_demo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InternalPorts {
    Fixed,
    Auto,
}

const SERVICES: [&str; 4] = gateway::SERVICES;

/// Defaults of the embedded mode, under the settings table of `name`: SQLite files in the data
/// folder, demo data, and the identity key of this process (see `main`).
fn embedded_defaults(
    args: &Args,
    name: &str,
    identity_secret: &str,
) -> impl FnOnce(
    config::builder::ConfigBuilder<config::builder::DefaultState>,
) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError> {
    let url = format!("sqlite://{}/{name}.db?mode=rwc", args.data_dir.display());
    let seed = !args.no_demo;
    let name = name.to_owned();
    let secret = identity_secret.to_owned();
    move |b| {
        b.set_default(format!("{name}.database.url"), url)?
            .set_default(format!("{name}.demo.seed"), seed)?
            .set_default(format!("{name}.identity.secret"), secret)
    }
}

async fn start_service(
    name: &'static str,
    settings: ServiceSettings,
    backplane: Option<Backplane>,
) -> anyhow::Result<Server> {
    match name {
        "membership" => membership::build(settings, backplane).await,
        "projects" => projects::build(settings, backplane).await,
        "funding" => funding::build(settings, backplane).await,
        "assessments" => assessments::build(settings, backplane).await,
        other => anyhow::bail!("unknown service {other}"),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = args.config.as_deref();
    // Every part runs in this process, so a key made now and shared with all of them is the
    // strongest default: no identity signed for another run, or by anyone else, is accepted.
    let identity_secret = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    // One in-process backplane for every part that has no Redis configured, so that events,
    // sessions and caches are shared inside the process as they would be through Redis.
    let shared = Backplane::in_process();
    let pick =
        |redis: &platform::settings::RedisSettings| if redis.url().is_some() { None } else { Some(shared.clone()) };

    // Settings first, so that every service knows where the others are before any starts
    // (projects and funding call each other).
    let mut all = Vec::new();
    for name in SERVICES {
        let mut settings: ServiceSettings =
            platform::settings::load(name, config, embedded_defaults(&args, name, &identity_secret))
                .with_context(|| format!("{name}: settings"))?;
        if args.internal_ports == InternalPorts::Auto {
            settings.http.port =
                platform::server::reserve_loopback_port().with_context(|| format!("{name}: finding a free port"))?;
        }
        all.push((name, settings));
    }
    // The demo round signs its calls the way the gateway does, with the services' key.
    let round_keys = all.iter().find(|(name, _)| *name == "funding").map(|(_, s)| {
        platform::identity::IdentityKeys::new(&s.identity.secret, Duration::from_secs(s.identity.ttl_secs))
    });
    let mut directory = platform::settings::ServiceUrls::default();
    for (name, settings) in &all {
        directory.set(name, format!("http://127.0.0.1:{}", settings.http.port));
    }
    let mut servers = Vec::new();
    let mut urls = Vec::new();
    for (name, mut settings) in all {
        settings.services = directory.clone();
        let backplane = pick(&settings.redis);
        let server = start_service(name, settings, backplane).await?;
        urls.push((name, format!("http://127.0.0.1:{}", server.port())));
        servers.push((name, server));
    }

    let mut gateway_settings: gateway::GatewaySettings = platform::settings::load(gateway::SERVICE, config, |b| {
        embedded_defaults(&args, gateway::SERVICE, &identity_secret)(gateway::settings::defaults(b)?)
    })
    .context("gateway: settings")?;
    gateway_settings.http.host.clone_from(&args.host);
    gateway_settings.http.port = args.port;
    gateway_settings.spa.dir.clone_from(&args.spa_dir);
    gateway_settings.services = directory.clone();
    let backplane = pick(&gateway_settings.redis);
    let gateway = gateway::build(gateway_settings, backplane).await?;
    let public = format!("http://{}:{}", if args.host == "0.0.0.0" { "127.0.0.1" } else { &args.host }, gateway.port());
    servers.push(("gateway", gateway));

    print_banner(&public, &urls, &args);

    let shutdown = platform::server::shutdown_on_signal();
    let mut tasks = JoinSet::new();
    for (name, server) in servers {
        let token = shutdown.clone();
        tasks.spawn(async move { (name, server.run(token).await) });
    }
    if let Some(keys) = round_keys.filter(|_| !args.no_demo) {
        tokio::spawn(async move {
            match demo_round::run(&directory, &keys).await {
                Ok(Some(done)) => tracing::info!("{done}"),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %format!("{e:#}"), "the demo funding round did not complete; it resumes on the next start")
                }
            }
        });
    }
    run_until_done(tasks, shutdown).await
}

/// Waits for every part to stop. If one fails, the others are stopped too; after a shutdown
/// request, stragglers get ten seconds.
async fn run_until_done(
    mut tasks: JoinSet<(&'static str, anyhow::Result<()>)>,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let mut failure = None;
    loop {
        let next = if shutdown.is_cancelled() {
            match tokio::time::timeout(Duration::from_secs(10), tasks.join_next()).await {
                Ok(next) => next,
                Err(_) => {
                    eprintln!("Some parts did not stop within 10 s; exiting anyway.");
                    break;
                }
            }
        } else {
            tasks.join_next().await
        };
        let Some(joined) = next else { break };
        match joined {
            Ok((_, Ok(()))) => {}
            Ok((name, Err(e))) => {
                eprintln!("{name} stopped with an error: {e:#}");
                failure.get_or_insert(e);
                shutdown.cancel();
            }
            Err(e) => {
                eprintln!("a part of Trellis panicked: {e}");
                failure.get_or_insert(anyhow::anyhow!("a task panicked"));
                shutdown.cancel();
            }
        }
        // A part that stops on its own (not asked to) takes the rest down with it.
        shutdown.cancel();
    }
    println!("Trellis stopped.");
    failure.map_or(Ok(()), Err)
}

fn print_banner(public: &str, urls: &[(&str, String)], args: &Args) {
    println!();
    println!("Trellis is running at {public}");
    println!("  API reference   {public}/api/docs");
    println!("  System health   {public}/api/health");
    for (name, url) in urls {
        println!("  {name:<15} {url} (internal)");
    }
    println!("  Data            {}", args.data_dir.display());
    if !args.no_demo {
        println!();
        println!("Demo accounts (password: {}):", platform::demo::PASSWORD);
        for (email, role, _, _) in gateway::auth::seed::DEMO_ACCOUNTS {
            println!("  {:<10} {email}", role.as_str());
        }
    }
    println!();
    println!("Press Ctrl-C to stop.");
}
