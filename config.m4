dnl The PHP way to build redislock, which is also what PIE runs:
dnl   phpize && ./configure && make && make install
dnl The extension is Rust: `make` runs `cargo build --release` (Makefile.frag) and puts the result
dnl where PHP's build system expects a module; `make install` copies redislock.so into
dnl `php-config --extension-dir` (below INSTALL_ROOT when given).

PHP_ARG_ENABLE([redislock],
  [whether to enable redislock],
  [AS_HELP_STRING([--enable-redislock], [Build redislock (the default)])],
  [yes])

PHP_ARG_WITH([cargo],
  [],
  [AS_HELP_STRING([--with-cargo=PATH],
    [redislock: path to cargo (default: cargo in PATH, else ~/.cargo/bin/cargo)])],
  [no],
  [no])

if test "$PHP_REDISLOCK" != "no"; then
  dnl Lock bookkeeping is per process (connections keyed by pid, locks released at request end);
  dnl it is built and tested for non-thread-safe PHP only.
  if test "$PHP_THREAD_SAFETY" = "yes"; then
    AC_MSG_ERROR([redislock supports non-thread-safe (NTS) PHP only; this PHP is thread-safe (ZTS)])
  fi

  dnl Built and tested on PHP 8.2 and 8.4 (Debian 12's and 13's); 8.3 and 8.5 have no Debian
  dnl package to test against: they build (ext-php-rs supports 8.1 to 8.5) but are untested.
  AC_MSG_CHECKING([whether redislock is tested on this PHP])
  redislock_vernum=`$PHP_CONFIG --vernum 2>/dev/null`
  if test -z "$redislock_vernum" || test "$redislock_vernum" -lt 80200 || test "$redislock_vernum" -ge 80600; then
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([redislock supports PHP 8.2 to 8.5 (tested on 8.2 and 8.4); this PHP is $redislock_vernum])
  fi
  if test "$redislock_vernum" -ge 80200 && test "$redislock_vernum" -lt 80300; then
    AC_MSG_RESULT([yes, 8.2])
  elif test "$redislock_vernum" -ge 80400 && test "$redislock_vernum" -lt 80500; then
    AC_MSG_RESULT([yes, 8.4])
  else
    AC_MSG_RESULT([no])
    AC_MSG_WARN([redislock is tested on PHP 8.2 and 8.4 only; this PHP ($redislock_vernum) should work but is untested])
  fi

  AC_MSG_CHECKING([for cargo])
  REDISLOCK_CARGO=
  if test "$PHP_CARGO" != "no" && test "$PHP_CARGO" != "yes"; then
    REDISLOCK_CARGO=$PHP_CARGO
  elif command -v cargo >/dev/null 2>&1; then
    REDISLOCK_CARGO=`command -v cargo`
  elif test -n "$HOME" && test -x "$HOME/.cargo/bin/cargo"; then
    REDISLOCK_CARGO=$HOME/.cargo/bin/cargo
  fi
  if test -z "$REDISLOCK_CARGO" || test ! -x "$REDISLOCK_CARGO"; then
    AC_MSG_RESULT([not found])
    AC_MSG_ERROR([redislock is written in Rust and needs cargo: install Rust (https://rustup.rs) or pass --with-cargo=/path/to/cargo])
  fi
  AC_MSG_RESULT([$REDISLOCK_CARGO])

  dnl ext-php-rs reads PHP's headers through $PHP_CONFIG and $PHP, else php-config and php from
  dnl PATH. Both are part of cargo's fingerprint: set them only when PATH would find another PHP
  dnl than this configure's, so a target directory shared with `cargo build` stays valid.
  AC_MSG_CHECKING([which PHP cargo builds redislock for])
  REDISLOCK_CARGO_ENV=
  redislock_php_config=`command -v "$PHP_CONFIG" 2>/dev/null`
  redislock_path_php_config=`command -v php-config 2>/dev/null`
  if test -z "$redislock_php_config"; then
    AC_MSG_ERROR([cannot find $PHP_CONFIG])
  fi
  if test "`readlink -f "$redislock_php_config"`" != "`readlink -f "$redislock_path_php_config" 2>/dev/null`"; then
    REDISLOCK_CARGO_ENV="$REDISLOCK_CARGO_ENV PHP_CONFIG='$redislock_php_config'"
  fi
  redislock_path_php=`command -v php 2>/dev/null`
  if test "`readlink -f "$PHP_EXECUTABLE"`" != "`readlink -f "$redislock_path_php" 2>/dev/null`"; then
    REDISLOCK_CARGO_ENV="$REDISLOCK_CARGO_ENV PHP='$PHP_EXECUTABLE'"
  fi
  AC_MSG_RESULT([$PHP_EXECUTABLE ($redislock_php_config)])

  dnl No C sources: the module is cargo's cdylib, described to PHP's Makefile as modules/redislock.la.
  PHP_MODULES='$(phplibdir)/redislock.la'
  PHP_SUBST(REDISLOCK_CARGO)
  PHP_SUBST(REDISLOCK_CARGO_ENV)
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
fi
