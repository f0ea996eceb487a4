//! Who the client is when the gateway sits behind a TLS-terminating proxy or load balancer.
//!
//! `X-Forwarded-For` and `X-Forwarded-Proto` are believed only when the connection comes from
//! an address listed in `gateway.proxy.trusted`: anyone else could write them to dodge the
//! per-address sign-in limit or to claim TLS. The client is the right-most `X-Forwarded-For`
//! address that is not itself a trusted proxy (each proxy appends the address it saw).

use std::net::IpAddr;

use axum::http::{Extensions, HeaderMap};

/// The addresses (and networks) of the proxies in front of the gateway.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR networks (`10.0.0.0/8, ::1`).
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (addr, prefix) = item.split_once('/').map_or((item, None), |(a, p)| (a, Some(p)));
            let ip: IpAddr = addr.parse().map_err(|_| format!("{item:?} is not an IP address or network"))?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let prefix = match prefix {
                None => max,
                Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("{item:?}: bad prefix"))?,
            };
            nets.push((ip, prefix));
        }
        Ok(TrustedProxies(nets))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|&(net, prefix)| in_network(ip, net, prefix))
    }
}

fn in_network(ip: IpAddr, net: IpAddr, prefix: u8) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// The client of one request as far as the gateway can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// `None` only when the server recorded no peer (in-process tests).
    pub ip: Option<IpAddr>,
    /// Whether the client reached us over TLS (via a trusted proxy that says so).
    pub https: bool,
}

impl Client {
    pub fn of(trusted: &TrustedProxies, extensions: &Extensions, headers: &HeaderMap) -> Client {
        let peer = platform::server::client_ip(extensions);
        let Some(peer) = peer.filter(|p| trusted.contains(*p)) else { return Client { ip: peer, https: false } };
        let hops: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let ip = hops.iter().rev().find(|ip| !trusted.contains(**ip)).or(hops.first()).copied().unwrap_or(peer);
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        Client { ip: Some(ip), https }
    }

    /// The address as a rate-limit key.
    pub fn key(&self) -> String {
        self.ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use axum::extract::ConnectInfo;
    use axum::http::HeaderValue;

    use super::*;

    fn client(trusted: &str, peer: &str, xff: Option<&str>, proto: Option<&str>) -> Client {
        let mut ext = Extensions::new();
        ext.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
        let mut headers = HeaderMap::new();
        if let Some(x) = xff {
            headers.insert("x-forwarded-for", HeaderValue::from_str(x).unwrap());
        }
        if let Some(p) = proto {
            headers.insert("x-forwarded-proto", HeaderValue::from_str(p).unwrap());
        }
        Client::of(&TrustedProxies::parse(trusted).unwrap(), &ext, &headers)
    }

    #[test]
    fn forwarded_headers_from_strangers_are_ignored() {
        let c = client("10.0.0.0/8", "203.0.113.9", Some("198.51.100.1"), Some("https"));
        assert_eq!(c, Client { ip: Some("203.0.113.9".parse().unwrap()), https: false });
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        // The client forged the first entry; the proxy appended what it really saw.
        let c = client("10.0.0.0/8", "10.1.2.3", Some("1.2.3.4, 198.51.100.7, 10.9.9.9"), Some("https"));
        assert_eq!(c, Client { ip: Some("198.51.100.7".parse().unwrap()), https: true });
        let plain = client("10.1.2.3", "10.1.2.3", None, Some("http"));
        assert_eq!(plain, Client { ip: Some("10.1.2.3".parse().unwrap()), https: false });
    }

    #[test]
    fn networks_parse_and_match() {
        let t = TrustedProxies::parse(" 127.0.0.1, 172.16.0.0/12 ,::1,fd00::/8").unwrap();
        for ip in ["127.0.0.1", "172.31.255.1", "::1", "fd12::1", "::ffff:127.0.0.1"] {
            assert!(t.contains(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["127.0.0.2", "172.32.0.1", "::2", "fe80::1"] {
            assert!(!t.contains(ip.parse().unwrap()), "{ip}");
        }
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert_eq!(TrustedProxies::parse("").unwrap(), TrustedProxies::default());
        assert!(TrustedProxies::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
    }
}
