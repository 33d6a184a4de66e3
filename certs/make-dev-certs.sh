#!/usr/bin/env bash
# Create the development PKI for isi-koppeling: never for production.
#
#   certs/make-dev-certs.sh [OUTDIR]        (default: certs/dev, which git ignores)
#
# Writes to OUTDIR:
#   ca.pem, ca.key          development CA, ECDSA P-256, CN "isi-koppeling dev CA", 5 years
#   server.pem, server.key  server certificate, P-256, CN localhost,
#                           subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1, serverAuth, 825 days
#   client.pem, client.key  client certificate for optional mutual TLS,
#                           CN "isi-koppeling dev client 0034", clientAuth, 825 days
# Private keys are mode 600. Idempotent: when everything is present, matches and verifies and
# nothing expires within 30 days it does nothing. A CA that is still good is kept, so trust placed
# in ca.pem survives renewing the server or client certificate. Writes nothing outside OUTDIR, and
# refuses an OUTDIR inside the repository that git does not ignore.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/../tools/lib.sh"

readonly CA_CN="isi-koppeling dev CA"
readonly SERVER_CN="localhost"
readonly CLIENT_CN="isi-koppeling dev client 0034"
readonly CA_DAYS=1826  # 5 years
readonly LEAF_DAYS=825 # the longest validity that Apple platforms accept for TLS server certificates
readonly MIN_VALID_SECONDS=$((30 * 24 * 3600))

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  -*) die "unknown option '$1' (usage: certs/make-dev-certs.sh [OUTDIR])" ;;
esac
(($# <= 1)) || die "too many arguments (usage: certs/make-dev-certs.sh [OUTDIR])"

command -v openssl >/dev/null 2>&1 || die "openssl is not installed (run tools/setup)"

OUTDIR="$(realpath -m -- "${1:-$ROOT/certs/dev}")"

# Keys must never land where git could pick them up.
if [[ "$OUTDIR/" == "$ROOT/"* ]] && command -v git >/dev/null 2>&1 &&
  git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$ROOT" check-ignore -q -- "$OUTDIR/ca.key" ||
    die "$OUTDIR is inside the repository and not ignored by git: choose another OUTDIR"
fi

# --- checks ----------------------------------------------------------------------------------

# key_matches CERT KEY: the certificate holds KEY's public key.
key_matches() {
  local cert_pub key_pub
  cert_pub="$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" || return 1
  key_pub="$(openssl pkey -in "$2" -pubout 2>/dev/null)" || return 1
  [[ -n "$cert_pub" && "$cert_pub" == "$key_pub" ]]
}

not_expiring() {
  openssl x509 -in "$1" -noout -checkend "$MIN_VALID_SECONDS" >/dev/null 2>&1
}

ca_ok() {
  [[ -s "$OUTDIR/ca.pem" && -s "$OUTDIR/ca.key" ]] &&
    not_expiring "$OUTDIR/ca.pem" &&
    key_matches "$OUTDIR/ca.pem" "$OUTDIR/ca.key"
}

# leaf_ok NAME PURPOSE: NAME.pem/NAME.key exist, match, verify against the CA for PURPOSE
# (sslserver, sslclient) and do not expire soon.
leaf_ok() {
  local name="$1" purpose="$2"
  [[ -s "$OUTDIR/$name.pem" && -s "$OUTDIR/$name.key" ]] &&
    openssl verify -purpose "$purpose" -CAfile "$OUTDIR/ca.pem" "$OUTDIR/$name.pem" >/dev/null 2>&1 &&
    not_expiring "$OUTDIR/$name.pem" &&
    key_matches "$OUTDIR/$name.pem" "$OUTDIR/$name.key"
}

# --- generation --------------------------------------------------------------------------------

mkdir -p -- "$OUTDIR"
# Scratch space inside OUTDIR (same file system, so the final mv is atomic; nothing outside OUTDIR).
WORK="$(mktemp -d "$OUTDIR/.tmp.XXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT

cat >"$WORK/ext.cnf" <<'EOF'
[req]
distinguished_name = req_dn
[req_dn]

[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# quiet CMD...: runs CMD, showing its output only when it fails.
quiet() {
  local status=0
  "$@" >"$WORK/cmd.log" 2>&1 || status=$?
  if ((status != 0)); then
    cat "$WORK/cmd.log" >&2
    die "failed: $*"
  fi
}

new_key() {
  (
    umask 077
    quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
      -pkeyopt ec_param_enc:named_curve -out "$1"
  )
}

# install_pair NAME: moves NAME.pem (0644) and NAME.key (0600) from WORK into OUTDIR.
install_pair() {
  chmod 600 "$WORK/$1.key"
  chmod 644 "$WORK/$1.pem"
  mv -f -- "$WORK/$1.key" "$OUTDIR/$1.key"
  mv -f -- "$WORK/$1.pem" "$OUTDIR/$1.pem"
}

make_ca() {
  info "creating CA '$CA_CN' ($CA_DAYS days)"
  new_key "$WORK/ca.key"
  quiet openssl req -new -x509 -sha256 -key "$WORK/ca.key" -subj "/CN=$CA_CN" -days "$CA_DAYS" \
    -config "$WORK/ext.cnf" -extensions ca -out "$WORK/ca.pem"
  install_pair ca
}

# make_leaf NAME CN SECTION: key, CSR and certificate signed by the CA, extensions from SECTION.
make_leaf() {
  local name="$1" cn="$2" section="$3"
  info "creating $name certificate '$cn' ($LEAF_DAYS days)"
  new_key "$WORK/$name.key"
  quiet openssl req -new -key "$WORK/$name.key" -subj "/CN=$cn" -config "$WORK/ext.cnf" \
    -out "$WORK/$name.csr"
  quiet openssl x509 -req -sha256 -in "$WORK/$name.csr" -days "$LEAF_DAYS" \
    -CA "$OUTDIR/ca.pem" -CAkey "$OUTDIR/ca.key" \
    -CAserial "$WORK/ca.srl" -CAcreateserial \
    -extfile "$WORK/ext.cnf" -extensions "$section" -out "$WORK/$name.pem"
  install_pair "$name"
}

renew_ca=0
ca_ok || renew_ca=1
renew_server=$renew_ca
renew_client=$renew_ca
if ((!renew_ca)); then
  leaf_ok server sslserver || renew_server=1
  leaf_ok client sslclient || renew_client=1
fi

if ((!renew_ca && !renew_server && !renew_client)); then
  info "certificates in $OUTDIR are present and valid for at least 30 more days: nothing to do"
  exit 0
fi

if ((renew_ca)); then make_ca; fi
if ((renew_server)); then make_leaf server "$SERVER_CN" server; fi
if ((renew_client)); then make_leaf client "$CLIENT_CN" client; fi

leaf_ok server sslserver || die "the new server certificate does not verify against the CA"
leaf_ok client sslclient || die "the new client certificate does not verify against the CA"
if ((renew_ca)); then
  info "new CA: clients must trust the new $OUTDIR/ca.pem"
fi
info "certificates written to $OUTDIR"
