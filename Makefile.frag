# Added to the Makefile by config.m4. cargo builds the extension (its own up-to-date check makes a
# second `make` quick); the cdylib it reports is copied to modules/redislock.so, next to a
# libtool-style modules/redislock.la, which is what PHP's `make install` expects of a module: it
# deletes the .la and copies modules/* into $(INSTALL_ROOT)$(EXTENSION_DIR).
# The target directory is cargo's choice (CARGO_TARGET_DIR, .cargo/config.toml, else ./target):
# the library's path is read from cargo's own report, not guessed.

$(phplibdir)/redislock.la: redislock-cargo-build

redislock-cargo-build:
	@echo "redislock: cargo build --release ($(REDISLOCK_CARGO))"
	@mkdir -p '$(phplibdir)'
	cd '$(srcdir)' && $(REDISLOCK_CARGO_ENV) '$(REDISLOCK_CARGO)' build --release --lib --locked \
		--message-format=json-render-diagnostics > '$(builddir)/redislock-cargo.json'
	@so=`sed -n 's/^{"reason":"compiler-artifact".*"filenames":\[[^]]*"\([^"]*\/libredislock\.\(so\|dylib\)\)".*/\1/p' '$(builddir)/redislock-cargo.json' | tail -n 1`; \
	if test -z "$$so" || test ! -f "$$so"; then \
		echo "redislock: cargo reported no libredislock.so (messages kept in $(builddir)/redislock-cargo.json)" >&2; \
		exit 1; \
	fi; \
	echo "redislock: $$so -> $(phplibdir)/redislock.so"; \
	cp "$$so" '$(phplibdir)/redislock.so.tmp' && mv '$(phplibdir)/redislock.so.tmp' '$(phplibdir)/redislock.so' && \
	printf "# redislock.la: written by Makefile.frag; cargo, not libtool, built the module\ndlname='redislock.so'\nlibrary_names='redislock.so'\n" > '$(phplibdir)/redislock.la' && \
	rm -f '$(builddir)/redislock-cargo.json'

.PHONY: redislock-cargo-build
