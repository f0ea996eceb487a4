//! The assessments service as its own process.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = platform::settings::config_path_from_args();
    let settings = platform::settings::load_service(assessments::SERVICE, config.as_deref())?;
    let server = assessments::build(settings, None).await?;
    server.run(platform::server::shutdown_on_signal()).await
}
