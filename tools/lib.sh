# shellcheck shell=bash disable=SC2034  # variables here are used by the scripts that source it
# Shared helpers for the project's shell tooling (tools/setup, tools/test, tools/demo,
# certs/make-dev-certs.sh, .ci/run). Sourced, never executed. Needs only bash and coreutils,
# because .ci/run sources it on a bare Debian image before anything is installed.
#
# Provides:
#   ROOT        absolute path of the repository (whatever the caller's cwd)
#   BUILD_DIR   "$ROOT/build"
#   PACKAGES    the Debian packages the project needs: the ONE list; add new ones here
#   PYTHON      Debian's python3 (zeep, lxml, ... are Debian packages; pyenv & co. may shadow it)
#   info MSG    short progress line on stderr
#   warn MSG    warning on stderr
#   die MSG     error on stderr, exit 1
#   as_root CMD run CMD as root (directly when root, else through sudo)
#   apt_lists_present   true when apt has package lists (apt-get update has run at least once)

if [[ -n "${ISI_LIB_SH_LOADED:-}" ]]; then
  return 0
fi
ISI_LIB_SH_LOADED=1

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
BUILD_DIR="$ROOT/build"

# Debian 12 (bookworm) packages needed to build, test and demo the project.
PACKAGES=(
  build-essential
  g++
  cmake
  pkg-config
  gsoap
  libgsoap-dev
  libssl-dev
  openssl
  libsqlite3-dev
  sqlite3
  libpugixml-dev
  libhttp-parser-dev
  catch2
  libargon2-dev
  libcli11-dev
  python3
  python3-zeep
  python3-lxml
  python3-requests
  libxlsxwriter-dev
  libzip-dev
  python3-openpyxl
  time
  ca-certificates
  sslscan
  clang
  libclang-rt-14-dev
)

if [[ -x /usr/bin/python3 ]]; then
  PYTHON=/usr/bin/python3
else
  PYTHON=python3
fi

# Name of the calling script, for messages ("setup", "demo", ...).
ISI_PROG="$(basename -- "$0")"

info() { printf '%s: %s\n' "$ISI_PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$ISI_PROG" "$*" >&2; }
die() {
  printf '%s: error: %s\n' "$ISI_PROG" "$*" >&2
  exit 1
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    # sudo resets the environment; env passes DEBIAN_FRONTEND through whatever the policy.
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  else
    die "need root to run '$*' and sudo is not installed"
  fi
}

apt_lists_present() {
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null
}
