//! The one error type of the extension, and its one conversion into PHP exceptions.

use crate::lock::NodeError;

/// One server's failure, named without credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeFailure {
    pub node: String,
    pub error: NodeError,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A caller's argument is out of range (PHP `ValueError`).
    #[error("{0}")]
    InvalidValue(String),
    /// A setting (INI value or server list) cannot be used (PHP `RedisLockException`).
    #[error("{0}")]
    Config(String),
    /// Too many servers failed for the operation to be decided (PHP `RedisLockException`).
    #[error("{}", unavailable_message(*needed, *total, failures))]
    Unavailable {
        needed: usize,
        total: usize,
        failures: Vec<NodeFailure>,
    },
}

fn unavailable_message(needed: usize, total: usize, failures: &[NodeFailure]) -> String {
    let list = failures
        .iter()
        .map(|f| format!("{}: {}", f.node, f.error))
        .collect::<Vec<_>>()
        .join("; ");
    if total == 1 {
        format!("Redis server {list}")
    } else {
        format!(
            "no quorum possible ({needed} of {total} Redis servers needed, {} failed): {list}",
            failures.len()
        )
    }
}

#[cfg(feature = "php")]
impl From<Error> for ext_php_rs::exception::PhpException {
    fn from(err: Error) -> Self {
        use ext_php_rs::zend::ce;
        let class = match err {
            Error::InvalidValue(_) => ce::value_error(),
            Error::Config(_) | Error::Unavailable { .. } => crate::module::redislock_exception(),
        };
        ext_php_rs::exception::PhpException::new(err.to_string(), 0, class)
    }
}
