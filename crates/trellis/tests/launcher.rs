//! The launcher as a user runs it: one command starts every part with demo data, Ctrl-C stops
//! it cleanly, and the next start keeps the data and starts quickly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Launcher {
    child: Child,
    lines: mpsc::Receiver<String>,
    url: String,
}

/// Starts the launcher on `data_dir` and waits for its banner.
fn start(data_dir: &std::path::Path) -> Launcher {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["--port", "0", "--internal-ports", "auto", "--spa-dir", "no-such-dir", "--data-dir"])
        .arg(data_dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the launcher");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(200))
            && let Some(url) = line.strip_prefix("Trellis is running at ")
        {
            return Launcher { child, lines, url: url.trim().to_owned() };
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the launcher exited early with {status}");
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("no banner within 60 s");
}

impl Launcher {
    /// Sends Ctrl-C (SIGINT) and returns the exit status and the rest of the output.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let sent = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let rest: Vec<String> = self.lines.try_iter().collect();
                return (status, rest.join("\n"));
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("the launcher did not stop within 15 s of Ctrl-C");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[tokio::test]
async fn one_command_runs_everything_and_ctrl_c_stops_it_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let launcher = start(data.path());
    let http = reqwest::Client::new();

    let health = http.get(format!("{}/api/health", launcher.url)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let health: serde_json::Value = health.json().await.unwrap();
    for service in ["membership", "projects", "funding", "assessments"] {
        assert_eq!(health["services"][service]["status"], "up", "{health}");
    }
    let login = http
        .post(format!("{}/api/auth/login", launcher.url))
        .json(&serde_json::json!({"email": "staff@trellis.test", "password": "trellis-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200, "demo accounts are seeded");
    for file in ["membership.db", "projects.db", "funding.db", "assessments.db", "gateway.db"] {
        assert!(data.path().join(file).is_file(), "{file} is a SQLite file in the data folder");
    }

    let (status, output) = launcher.interrupt();
    assert!(status.success(), "exit status {status}");
    assert!(output.contains("Trellis stopped."), "{output}");

    // A second start on the same data keeps it (no second seeding) and is quick.
    let started = Instant::now();
    let again = start(data.path());
    assert!(started.elapsed() < Duration::from_secs(20), "second start took {:?}", started.elapsed());
    let countries: serde_json::Value = http
        .get(format!("{}/api/membership/countries?per_page=1", again.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(countries["total"].as_u64().unwrap() > 240);
    let login = http
        .post(format!("{}/api/auth/login", again.url))
        .json(&serde_json::json!({"email": "staff@trellis.test", "password": "trellis-demo"}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let members: serde_json::Value = http
        .get(format!("{}/api/membership/members", again.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(members["total"], 10, "the demo members were seeded once");
    // The demo funding round (run through the services' APIs once all are up) joined two donors'
    // money to one project, once, however many starts it took.
    let mut allocations = serde_json::Value::Null;
    for _ in 0..40 {
        allocations = http
            .get(format!("{}/api/funding/allocations", again.url))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if allocations["total"].as_u64().unwrap_or(0) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let items = allocations["items"].as_array().unwrap();
    let donors_of = |project: &serde_json::Value| {
        let mut donors: Vec<&str> =
            items.iter().filter(|a| a["project_id"] == *project).map(|a| a["donor_id"].as_str().unwrap()).collect();
        donors.sort_unstable();
        donors.dedup();
        donors.len()
    };
    assert!(items.iter().any(|a| donors_of(&a["project_id"]) >= 2), "a project with several donors: {allocations}");
    assert!(items.iter().any(|a| a["disbursed"]["amount"] != "0.00"), "a disbursement: {allocations}");
    let (status, _) = again.interrupt();
    assert!(status.success());
}
