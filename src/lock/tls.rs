//! TLS for `rediss://` servers: the client configuration (roots, client certificate, whether to
//! verify) made once per distinct settings and shared by every connection that uses them (which
//! also shares rustls's session cache: new connections resume sessions), and the messages for
//! what can go wrong, naming the cause without secrets.
//!
//! rustls, with the `ring` provider: no OpenSSL to link, and a small C build. The handshake itself
//! is driven by `conn.rs` inside the connect's deadline, non-blocking like the TCP connect.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use parking_lot::Mutex;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

use super::error::{quote, Error, NodeError};

/// The TLS settings a `rediss://` server is used with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TlsSettings {
    /// PEM file of the CA(s) to trust instead of the system's roots.
    pub ca_file: Option<PathBuf>,
    /// PEM files of a client certificate (chain) and its private key, for servers that ask.
    pub cert_file: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
    /// false: no verification of the server's certificate at all (development only).
    pub verify: bool,
}

/// A server's TLS: the shared client configuration. Two are equal when they come from the same
/// settings (the pool matches connections on it: a changed CA file never reuses a connection).
#[derive(Clone)]
pub struct Tls {
    id: u64,
    pub config: Arc<ClientConfig>,
    pub verify: bool,
    /// Whether a client certificate is configured (what a refused handshake most likely means).
    pub client_cert: bool,
}

impl PartialEq for Tls {
    fn eq(&self, other: &Tls) -> bool {
        self.id == other.id
    }
}
impl Eq for Tls {}
impl std::hash::Hash for Tls {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state)
    }
}
impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tls#{}{}",
            self.id,
            if self.verify { "" } else { " (not verified)" }
        )
    }
}

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: std::sync::OnceLock<Arc<CryptoProvider>> = std::sync::OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// The configuration for these settings: made (files read) the first time they are seen in
/// this process, then shared. Most distinct settings kept: older ones are dropped first.
pub fn configure(settings: &TlsSettings) -> Result<Tls, Error> {
    const MAX_KEPT: usize = 32;
    static MADE: Mutex<Vec<(TlsSettings, Tls)>> = Mutex::new(Vec::new());
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    if let Some((_, tls)) = MADE.lock().iter().find(|(s, _)| s == settings) {
        return Ok(tls.clone());
    }
    let config = Arc::new(build(settings)?);
    let tls = Tls {
        id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        config,
        verify: settings.verify,
        client_cert: settings.cert_file.is_some(),
    };
    let mut made = MADE.lock();
    if made.len() >= MAX_KEPT {
        made.remove(0);
    }
    made.push((settings.clone(), tls.clone()));
    Ok(tls)
}

fn build(settings: &TlsSettings) -> Result<ClientConfig, Error> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS: {e}")))?;
    let mut roots = RootCertStore::empty();
    match &settings.ca_file {
        Some(path) => {
            let certs = read_certs(path, "redislock.tls_ca_file")?;
            for cert in certs {
                roots.add(cert).map_err(|e| {
                    Error::Config(format!(
                        "redislock.tls_ca_file '{}': not a usable CA certificate: {e}",
                        shown(path)
                    ))
                })?;
            }
        }
        None if settings.verify => {
            let found = rustls_native_certs::load_native_certs();
            let (added, _) = roots.add_parsable_certificates(found.certs);
            if added == 0 {
                return Err(Error::Config(
                    "TLS: no trusted root certificate found on this system; set redislock.tls_ca_file".into(),
                ));
            }
        }
        None => {}
    }
    let builder = builder.with_root_certificates(roots);
    let mut config = match (&settings.cert_file, &settings.key_file) {
        (Some(cert), Some(key)) => {
            let chain = read_certs(cert, "redislock.tls_cert_file")?;
            let key = PrivateKeyDer::from_pem_file(key).map_err(|e| {
                Error::Config(format!(
                    "redislock.tls_key_file '{}': cannot read a PEM private key: {}",
                    shown(key),
                    pem_error(e)
                ))
            })?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| Error::Config(format!("TLS client certificate and key: {e}")))?
        }
        (None, None) => builder.with_no_client_auth(),
        (Some(_), None) | (None, Some(_)) => {
            return Err(Error::Config(
                "TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither".into(),
            ))
        }
    };
    if !settings.verify {
        config
            .dangerous()
            .set_certificate_verifier(Arc::new(NoVerification(provider())));
    }
    Ok(config)
}

fn shown(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    quote(path.as_os_str().as_bytes())
}

fn pem_error(e: rustls::pki_types::pem::Error) -> String {
    match e {
        rustls::pki_types::pem::Error::Io(e) => e.to_string(),
        rustls::pki_types::pem::Error::NoItemsFound => "no PEM item of that kind in it".into(),
        other => format!("{other:?}"),
    }
}

fn read_certs(
    path: &std::path::Path,
    setting: &str,
) -> Result<Vec<CertificateDer<'static>>, Error> {
    let unreadable = |why: String| {
        Error::Config(format!(
            "{setting} '{}': cannot read PEM certificates: {why}",
            shown(path)
        ))
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| unreadable(pem_error(e)))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| unreadable(pem_error(e)))?;
    if certs.is_empty() {
        return Err(unreadable("no certificate in it".into()));
    }
    Ok(certs)
}

/// The name the server's certificate must carry: the URL's host name or IP address.
pub fn server_name(host: &str) -> Result<ServerName<'static>, NodeError> {
    ServerName::try_from(host.to_string()).map_err(|_| {
        NodeError::Tls(format!(
            "'{}' is not a host name TLS can verify",
            quote(host.as_bytes())
        ))
    })
}

/// What a rustls error means to a user, without secrets. `client_cert`: whether this client has
/// a certificate to give (a TLS 1.2 server that wants one and gets none, or refuses the one it
/// got, answers with a bare handshake_failure alert).
pub fn error(e: &rustls::Error, client_cert: bool) -> NodeError {
    use rustls::AlertDescription as A;
    let why = match e {
        rustls::Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => {
                "the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)".to_string()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "the server's certificate has expired".to_string()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "the server's certificate is not valid yet".to_string()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "the server's certificate is not valid for this host name (name mismatch)".to_string()
            }
            other => format!("the server's certificate was refused: {other:?}"),
        },
        rustls::Error::AlertReceived(A::CertificateRequired) => {
            "the server asked for a client certificate (set redislock.tls_cert_file and redislock.tls_key_file)".to_string()
        }
        rustls::Error::AlertReceived(A::UnknownCA | A::BadCertificate | A::CertificateUnknown) => {
            "the server refused this client's certificate".to_string()
        }
        rustls::Error::AlertReceived(A::HandshakeFailure) if client_cert => {
            "the server refused the handshake (this client's certificate?)".to_string()
        }
        rustls::Error::AlertReceived(A::HandshakeFailure) => {
            "the server asked for a client certificate (set redislock.tls_cert_file and redislock.tls_key_file), or refused the handshake".to_string()
        }
        rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateHandshakeMessage { .. } => {
            "the server does not speak TLS (a plain redis:// port on a rediss:// URL?)".to_string()
        }
        other => other.to_string(),
    };
    NodeError::Tls(why)
}

/// A server that closed the connection during the TLS handshake.
pub fn closed_in_handshake() -> NodeError {
    NodeError::Tls(
        "the server closed the connection during the TLS handshake (a plain redis:// port on a rediss:// URL, or the server refused this client)"
            .into(),
    )
}

/// `std::io::Read`/`Write` over a socket with `recv`/`send` flags (MSG_DONTWAIT, or blocking).
pub struct SockIo<'a> {
    pub sock: &'a socket2::Socket,
    pub flags: libc::c_int,
}

impl io::Read for SockIo<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: initialised bytes viewed as MaybeUninit (recv only writes into them).
        let buf = unsafe { &mut *(buf as *mut [u8] as *mut [std::mem::MaybeUninit<u8>]) };
        self.sock.recv_with_flags(buf, self.flags)
    }
}

impl io::Write for SockIo<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sock
            .send_with_flags(buf, self.flags | libc::MSG_NOSIGNAL)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `redislock.tls_verify = 0`: every certificate accepted (development only); the handshake's
/// signatures are still checked against the certificate presented.
#[derive(Debug)]
struct NoVerification(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
