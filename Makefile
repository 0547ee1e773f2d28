# Hairline: the two commands.
#   make run    from a clean clone on Debian/Ubuntu to the running app (installs what is missing)
#   make test   every test: Rust format, lints and tests, UI type check and unit tests, and the
#               end-to-end suite in the real Tauri webview under Xvfb
.PHONY: run test setup rust-checks ui-checks e2e app bench

run:
	scripts/run

setup:
	scripts/setup

test: setup rust-checks ui-checks e2e
	@echo "make test: all checks passed"

rust-checks:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

ui-checks:
	cd ui && npm run check
	cd ui && npm test

e2e:
	scripts/e2e

# The app binary with the UI embedded (debug), e.g. for looking at screens by hand.
app:
	scripts/build-app

bench:
	cargo bench --bench clinic
	cargo bench --bench photos
