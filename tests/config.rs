//! Settings and server URLs (no Redis needed): parsing, limits, and how values are shown in
//! messages (escaped, bounded, credentials masked).

use std::time::Duration;

use redislock::config::*;
use redislock::lock::{quote, quote_masked, Address};

#[test]
fn parses_host_port_db_and_credentials() {
    let n = parse_server_url(b"redis://locker:p%40ss@10.0.0.5:6380/3").unwrap();
    assert_eq!(
        n.address,
        Address::Tcp {
            host: "10.0.0.5".into(),
            port: 6380
        }
    );
    assert_eq!(n.db, 3);
    assert_eq!(n.username.as_deref(), Some("locker"));
    assert_eq!(n.password.as_deref(), Some("p@ss"));
    assert_eq!(n.to_string(), "10.0.0.5:6380/3");
}

#[test]
fn password_only_forms() {
    let n = parse_server_url(b"redis://:s3cret@h:1").unwrap();
    assert_eq!((n.username, n.password.as_deref()), (None, Some("s3cret")));
    let n = parse_server_url(b"redis://s3cret@h:1").unwrap();
    assert_eq!((n.username, n.password.as_deref()), (None, Some("s3cret")));
}

#[test]
fn defaults_port_and_parses_ipv6_and_unix() {
    assert_eq!(
        parse_server_url(b"redis://h").unwrap().address,
        Address::Tcp {
            host: "h".into(),
            port: 6379
        }
    );
    assert_eq!(
        parse_server_url(b"redis://[::1]:7000").unwrap().address,
        Address::Tcp {
            host: "::1".into(),
            port: 7000
        }
    );
    assert_eq!(
        parse_server_url(b"unix:///run/redis.sock").unwrap().address,
        Address::Unix("/run/redis.sock".into())
    );
}

#[test]
fn parses_tls_urls() {
    let n = parse_server_url(b"rediss://u:s3cret@h:6380/2").unwrap();
    assert!(n.tls && n.tls_config.is_none());
    assert_eq!(
        n.address,
        Address::Tcp {
            host: "h".into(),
            port: 6380
        }
    );
    assert_eq!(
        (n.db, n.username.as_deref(), n.password.as_deref()),
        (2, Some("u"), Some("s3cret"))
    );
    assert_eq!(n.to_string(), "tls://h:6380/2");
    assert!(!parse_server_url(b"redis://h:1").unwrap().tls);
    // A TLS entry and a plain one of the same address are not one session.
    assert!(!n.same_session(&parse_server_url(b"redis://u:s3cret@h:6380/2").unwrap()));
}

#[test]
fn rejects_garbage_without_leaking_the_password() {
    for bad in [
        &b"rediss://u:s3cret@h:0"[..],
        b"rediss://",
        &b"http://h:1"[..],
        b"redis://",
        b"redis://h:99999",
        b"redis://h:abc",
        b"redis://u:s3cret@h:0",
        b"unix://rel",
        b"unix://:s3cret@/x.sock",
        b"redis:/user:s3cret@127.0.0.1:6379",
        b"user:s3cret@host:6379",
        b"redis://u:s3cret@h o s t:1",
    ] {
        let e = parse_server_url(bad).unwrap_err();
        assert!(!e.contains("s3cret"), "{e}");
    }
}

#[test]
fn malformed_values_are_masked_up_to_their_last_at() {
    assert_eq!(
        parse_server_url(b"redis:/user:s3cret@127.0.0.1:6379").unwrap_err(),
        "'***@127.0.0.1:6379': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,..."
    );
    assert_eq!(quote_masked(b"user:s3cret@host:6379"), "***@host:6379");
    assert_eq!(quote_masked(b"redis://u:a@b@h:1"), "redis://u:***@h:1");
    assert_eq!(quote_masked(b"redis://h:1"), "redis://h:1");
    let e = check_host("user:s3cret@127.0.0.1").unwrap_err();
    assert_eq!(e, "host '***@127.0.0.1' is not a host name or IP address");
    assert!(check_host("redis-1.example_net").is_ok() && check_host("::1").is_ok());
    for bad in ["", "a b", "x\0y", "h/1", "é"] {
        assert!(check_host(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn nul_and_non_utf8_bytes_are_refused_and_shown_escaped() {
    let e = parse_server_url(b"redis://x\0y").unwrap_err();
    assert_eq!(
        e,
        "'redis://x\\x00y': contains a NUL, control or non-UTF-8 byte"
    );
    let e = parse_server_url(b"redis://h\xff:1").unwrap_err();
    assert!(e.contains("redis://h\\xff:1"), "{e}");
    let e = parse_servers(b"redis://127.0.0.1:6379\0")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("invalid redislock.servers") && e.contains("\\x00"),
        "{e}"
    );
    let e = parse_ms(INI_TIMEOUT, b"1\0").unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid redislock.timeout '1\\x00': expected milliseconds from 1 to 60000"
    );
    assert!(check_prefix(b"a\0b").is_err() && check_prefix(b"\xff\xfe:").is_ok());
}

#[test]
fn quoting_is_one_line_and_bounded() {
    let huge = vec![b'h'; 1 << 20];
    let q = quote(&huge);
    assert_eq!(q.len(), 203);
    assert!(q.ends_with("..."));
    assert_eq!(quote(b"a\r\nb\x7f"), "a\\x0d\\x0ab\\x7f");
    assert_eq!(quote("ünï".as_bytes()), "ünï");
    let url = [b"redis://".to_vec(), huge, b":1".to_vec()].concat();
    let e = parse_server_url(&url).unwrap_err();
    // The URL and its host, each quoted at most 200 bytes.
    assert!(e.len() < 600 && !e.contains('\n'), "{}", e.len());
}

#[test]
fn passwords_with_separators_are_masked_and_parsed() {
    for (url, pass) in [
        ("redis://:pa/ss@127.0.0.1:6380", "pa/ss"),
        ("redis://u:a,b@h:1", "a,b"),
        ("redis://u:x@y@h:1/2", "x@y"),
    ] {
        let n = parse_servers(url.as_bytes()).unwrap();
        assert_eq!(n.len(), 1, "{url}");
        assert_eq!(n[0].password.as_deref(), Some(pass));
        let shown = String::from_utf8(redact_servers(url.as_bytes())).unwrap();
        assert!(!shown.contains(pass), "{shown}");
    }
    let e = parse_servers(b"redis://:pa/ss@127.0.0.1:abc")
        .unwrap_err()
        .to_string();
    assert!(!e.contains("pa/ss"), "{e}");
    assert_eq!(
        split_servers("redis://a:1, redis://u:p,w@b:2 ,unix:///s"),
        ["redis://a:1", "redis://u:p,w@b:2", "unix:///s"]
    );
}

#[test]
fn percent_decoding_works_on_bytes() {
    let pass = |url: &str| parse_server_url(url.as_bytes()).unwrap().password;
    assert_eq!(pass("redis://u:%41%2f@h:1").as_deref(), Some("A/"));
    // A multi-byte character after % is kept as it is (no panic), and %+1 is not hex.
    assert_eq!(pass("redis://u:%aé@h:1").as_deref(), Some("%aé"));
    assert_eq!(pass("redis://u:%+1@h:1").as_deref(), Some("%+1"));
}

#[test]
fn redacts_passwords_in_lists() {
    assert_eq!(
        redact_servers(b"redis://u:s3cret@h:1, redis://:x@h:2,redis://h:3"),
        b"redis://u:***@h:1,redis://:***@h:2,redis://h:3"
    );
    assert_eq!(
        redact_servers(b"redis://s3cret@h:1/2"),
        b"redis://***@h:1/2"
    );
    assert_eq!(redact_servers(b"user:s3cret@host:6379"), b"***@host:6379");
}

#[test]
fn parses_lists_and_settings() {
    assert_eq!(
        parse_servers(b"redis://a:1,redis://b:2 , redis://c:3")
            .unwrap()
            .len(),
        3
    );
    assert!(parse_servers(b" , ").is_err());
    let e = parse_servers(b"redis://a:1,redis://b:2,redis://u:p@a:1")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("a:1 is listed twice") && !e.contains(":p@"),
        "{e}"
    );
    let e = parse_servers(b"redis://a:1/1,redis://a:1/2")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("a:1/2 is listed twice"),
        "two databases of one server are one failure domain: {e}"
    );
    assert_eq!(parse_ms("t", b"250").unwrap(), Duration::from_millis(250));
    for bad in [&b"0"[..], b"-1", b"abc", b"60001", b"", b"1\0"] {
        assert!(parse_ms("t", bad).is_err(), "{bad:?}");
    }
    assert!(
        parse_bool(b"On")
            && parse_bool(b"1")
            && parse_bool(b"yes")
            && !parse_bool(b"0")
            && !parse_bool(b"off")
            && !parse_bool(b"")
    );
    assert!(check_setting(INI_NODE_TIMEOUT, b"abc").is_err());
    assert!(check_setting(INI_AUTO_RELEASE, b"whatever").is_ok());
}

#[test]
fn query_strings_and_long_socket_paths() {
    assert_eq!(
        quote_masked(b"tcp://127.0.0.1:6379?password=S3cr3t"),
        "tcp://127.0.0.1:6379?***"
    );
    assert_eq!(
        quote_masked(b"redis://u:p@h:1/0?auth=S3cr3t"),
        "redis://u:***@h:1/0?***"
    );
    let e = parse_server_url(b"redis://h:1/0?password=S3cr3t").unwrap_err();
    assert!(!e.contains("S3cr3t"), "{e}");
    let long = format!("unix:///{}", "a".repeat(200));
    let e = parse_server_url(long.as_bytes()).unwrap_err();
    assert!(
        e.contains("is longer than 107 bytes") && e.len() < 300,
        "{e}"
    );
    assert!(parse_server_url(format!("unix:///{}", "a".repeat(106)).as_bytes()).is_ok());
    assert!(entry_node(&format!("/{}", "b".repeat(107)), 0).is_err());
}

#[test]
fn handshake_errors_never_quote_the_credentials() {
    use redislock::lock::{handshake::shown_error, Node};
    let mut node = Node::tcp("h", 1);
    node.username = Some("locker".into());
    node.password = Some("S3cr3tPassw0rd".into());
    // The arguments Redis echoes are cut off.
    assert_eq!(
        shown_error(
            &node,
            "ERR unknown command 'AUTH', with args beginning with: 'locker' 'S3cr3tPassw0rd'"
        ),
        "ERR unknown command 'AUTH'"
    );
    // A whole or partial echo anywhere else: only the error code.
    for text in [
        "ERR you sent S3cr3t",
        "ERR bad 3tPass",
        "WRONGPASS user locker",
    ] {
        assert_eq!(
            shown_error(&node, text),
            format!(
                "{} (the server's message is not shown: it quotes the credentials)",
                text.split(' ').next().unwrap()
            )
        );
    }
    // Redis's own refusal stays readable.
    assert_eq!(
        shown_error(
            &node,
            "WRONGPASS invalid username-password pair or user is disabled."
        ),
        "WRONGPASS invalid username-password pair or user is disabled."
    );
    node.password = Some("abc".into());
    node.username = None;
    assert!(shown_error(&node, "ERR got 'abc'").starts_with("ERR (the server's"));
}

#[test]
fn parses_sentinel_entries() {
    let n = parse_server_url(
        b"redis+sentinel://locker:p%40ss@s1:26380,s2,[::1]:26381/my%2Dmaster/3?sentinel_user=watch&sentinel_password=s%26cret",
    )
    .unwrap();
    let s = n.sentinels().expect("a sentinel entry");
    assert_eq!(
        s.sentinels,
        vec![
            ("s1".to_string(), 26380),
            ("s2".to_string(), DEFAULT_SENTINEL_PORT),
            ("::1".to_string(), 26381)
        ]
    );
    assert_eq!(s.service, "my-master");
    assert_eq!(
        (s.username.as_deref(), s.password.as_deref()),
        (Some("watch"), Some("s&cret"))
    );
    assert_eq!(
        (n.db, n.username.as_deref(), n.password.as_deref()),
        (3, Some("locker"), Some("p@ss"))
    );
    assert!(!n.tls);
    // Shown without either credential.
    assert_eq!(
        n.to_string(),
        "sentinel:s1:26380,s2:26379,[::1]:26381/my-master/3"
    );
    assert!(!format!("{n:?}{s:?}").contains("cret"));
    // The sentinels' password alone; no credentials at all.
    let n = parse_server_url(b"redis+sentinel://h/svc?sentinel_password=x").unwrap();
    let s = n.sentinels().unwrap();
    assert_eq!(
        (s.username.as_deref(), s.password.as_deref()),
        (None, Some("x"))
    );
    assert_eq!((n.username.as_deref(), n.password.as_deref()), (None, None));
    let n = parse_server_url(b"redis+sentinel://m4ster@h/svc").unwrap();
    assert_eq!(n.password.as_deref(), Some("m4ster"));
}

#[test]
fn refuses_malformed_sentinel_entries_masked() {
    for (bad, why) in [
        (
            &b"redis+sentinel://u:s3cret@h1,h2"[..],
            "service name is missing",
        ),
        (
            b"redis+sentinel://u:s3cret@h1,h2/",
            "service name must have",
        ),
        (b"redis+sentinel://u:s3cret@h1,,h2/svc", "missing host"),
        (b"redis+sentinel://u:s3cret@h1:0/svc", "port '0'"),
        (b"redis+sentinel://u:s3cret@h1/svc/x", "database 'x'"),
        (
            b"redis+sentinel://h1/svc?sentinel_pasword=s3cret",
            "unknown parameter 'sentinel_pasword'",
        ),
        (
            b"redis+sentinel://h1/svc?sentinel_user=a&sentinel_user=b",
            "given twice",
        ),
        (
            b"redis+sentinel://h1/svc?sentinel_user=s3cret",
            "sentinel_user needs sentinel_password",
        ),
    ] {
        let e = parse_server_url(bad).unwrap_err();
        assert!(e.contains(why), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }
    let many = (0..=MAX_SENTINELS)
        .map(|i| format!("h{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let e = parse_server_url(format!("redis+sentinel://{many}/svc").as_bytes()).unwrap_err();
    assert!(e.contains("more than"), "{e}");
}

#[test]
fn sentinel_entries_in_lists() {
    // The commas between sentinels do not split the list; a comma before a URL does.
    let list =
        "redis://a:1,redis+sentinel://u:p,w@s1,s2:26380/svc?sentinel_password=x,y , redis://b:2";
    assert_eq!(
        split_servers(list),
        vec![
            "redis://a:1",
            "redis+sentinel://u:p,w@s1,s2:26380/svc?sentinel_password=x,y",
            "redis://b:2"
        ]
    );
    let nodes = parse_servers(list.as_bytes()).unwrap();
    assert_eq!(nodes.len(), 3);
    assert_eq!(
        nodes[1].sentinels().unwrap().password.as_deref(),
        Some("x,y")
    );
    // Both credentials masked, in lists too.
    assert_eq!(
        redact_servers(b"redis+sentinel://u:s3cret@s1,s2/svc?sentinel_password=s3cret,redis://h:1"),
        b"redis+sentinel://u:***@s1,s2/svc?***,redis://h:1"
    );
    // Two entries of one service (a sentinel in common) are one master.
    let e = parse_servers(b"redis+sentinel://s1,s2/svc,redis+sentinel://s2,s3/svc").unwrap_err();
    assert!(e.to_string().contains("listed twice"), "{e}");
    assert!(parse_servers(b"redis+sentinel://s1,s2/svc,redis+sentinel://s1,s2/other").is_ok());
}

#[test]
fn sentinel_recheck_setting() {
    assert!(check_setting(INI_SENTINEL_RECHECK, b"250").is_ok());
    for bad in [&b"0"[..], b"60001", b"1s", b""] {
        let e = check_setting(INI_SENTINEL_RECHECK, bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid redislock.sentinel_recheck"), "{e}");
    }
    let n = parse_server_url(b"redis+sentinel://h/svc").unwrap();
    assert_eq!(
        n.sentinels().unwrap().recheck,
        Duration::from_millis(DEFAULT_SENTINEL_RECHECK_MS)
    );
}

#[test]
fn parses_cluster_entries() {
    let n =
        parse_server_url(b"redis+cluster://locker:p%40ss@h1:7000,h2,[::1]:7002,h1:7000").unwrap();
    let seeds = n.cluster().expect("a cluster entry");
    assert_eq!(
        seeds.seeds,
        vec![
            ("h1".to_string(), 7000),
            ("h2".to_string(), 6379),
            ("::1".to_string(), 7002)
        ]
    );
    assert_eq!(n.username.as_deref(), Some("locker"));
    assert_eq!(n.password.as_deref(), Some("p@ss"));
    assert!(!n.tls);
    assert_eq!(n.to_string(), "cluster:h1:7000,h2:6379,[::1]:7002");
    assert!(!format!("{n:?}").contains("p@ss"));
    let tls = parse_server_url(b"rediss+cluster://h1:7000/").unwrap();
    assert!(tls.tls && tls.cluster().is_some());
    let tls = parse_server_url(b"rediss+sentinel://h1/svc/2").unwrap();
    assert!(tls.tls && tls.sentinels().is_some() && tls.db == 2);
    for (bad, why) in [
        (&b"redis+cluster://u:s3cret@h1/3"[..], "only database 0"),
        (b"redis+cluster://u:s3cret@h1,,h2", "missing host"),
        (b"redis+cluster://u:s3cret@h1:99999", "port '99999'"),
        (b"redis+cluster://h1?password=s3cret", "takes no parameters"),
    ] {
        let e = parse_server_url(bad).unwrap_err();
        assert!(e.contains(why), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }
    // The commas between seeds do not split a list; two entries sharing a seed are one cluster.
    let list = "redis+cluster://u:p,w@h1:7000,h2:7001,redis://b:2";
    assert_eq!(
        split_servers(list),
        vec!["redis+cluster://u:p,w@h1:7000,h2:7001", "redis://b:2"]
    );
    let e = parse_servers(b"redis+cluster://h1:7000,h2:7001,redis+cluster://h3:7002,h2:7001")
        .unwrap_err();
    assert!(e.to_string().contains("listed twice"), "{e}");
}
