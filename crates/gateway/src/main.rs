//! The gateway as its own process.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = platform::settings::config_path_from_args();
    let settings = gateway::settings::load(config.as_deref())?;
    let server = gateway::build(settings, None).await?;
    server.run(platform::server::shutdown_on_signal()).await
}
