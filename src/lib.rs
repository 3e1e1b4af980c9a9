//! redislock: a distributed lock on Redis for PHP. `lock` and `config` are plain Rust; the PHP
//! extension (module, request hooks, classes) is built with the default `php` feature.

pub mod config;
pub mod lock;

#[cfg(feature = "php")]
mod module;
#[cfg(feature = "php")]
mod php;
#[cfg(feature = "php")]
mod request;

#[cfg(feature = "php")]
use ext_php_rs::prelude::*;

#[cfg(feature = "php")]
use module::startup as minit;

#[cfg(feature = "php")]
#[php_module]
#[php(startup = minit)]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .info_function(module::info)
        .shutdown_function(module::shutdown)
        .request_startup_function(request::startup)
        .request_shutdown_function(request::shutdown)
}
