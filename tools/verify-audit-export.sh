#!/bin/sh
# Verifies an export of the audit trail against a signed digest, offline, with openssl and POSIX shell tools only.
#
#   verify-audit-export.sh PUBLIC_KEY DIGESTS CHAIN
#
#   PUBLIC_KEY  GET /ledger/audit/public-key            (the PEM the ledger publishes; keep your own copy)
#   DIGESTS     GET /ledger/audit/digests?limit=1       (a JSON array; its first digest, the newest, is used)
#   CHAIN       GET /ledger/audit?format=chain          (the whole trail: each record's hash, a space, and the
#                                                        exact text that was hashed)
#
# Exit code 0 and "OK ..." when the digest's signature verifies with the key, the digest names that key, and the
# export's records 1..lastSeq form an unbroken hash chain that ends in the hash and count the digest signed.
# Anything else exits 1 and says what does not hold. See the README, "Proving the trail was not rewritten".
set -eu

if [ "$#" -ne 3 ]; then
    echo "usage: $0 PUBLIC_KEY DIGESTS CHAIN" >&2
    exit 2
fi
key=$1
digests=$2
chain=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# The first signingString and signature of the array (the newest digest); the signing string is one line of ASCII.
json_text() {
    grep -o "\"$1\":\"[^\"]*\"" "$digests" | head -n 1 | cut -d '"' -f 4
}
signed=$(json_text signingString)
[ -n "$signed" ] || fail "$digests holds no digest"
printf '%s' "$signed" > "$work/signed.txt"
json_text signature | openssl base64 -d -A > "$work/signature.bin"

# 1. The signature: made by the holder of the private key, over exactly this text.
openssl dgst -sha256 -verify "$key" -signature "$work/signature.bin" "$work/signed.txt" > /dev/null \
    || fail "the digest's signature does not verify with $key"

# 2. The values come from the signed text, never from the JSON around it.
value() {
    printf '%s\n' "$signed" | tr ' ' '\n' | grep "^$1=" | cut -d = -f 2-
}
key_id=$(openssl pkey -pubin -in "$key" -outform DER | openssl dgst -sha256 -r | cut -c 1-64)
[ "$(value keyId)" = "$key_id" ] || fail "the digest names the key $(value keyId), not $key_id"
last_seq=$(value lastSeq)
last_hash=$(value lastHash)
record_count=$(value recordCount)

# 3. The chain: every record hashes to its hash, names the hash before it, and has the next sequence number.
prev=0000000000000000000000000000000000000000000000000000000000000000
n=0
while [ "$n" -lt "$last_seq" ] && IFS= read -r line; do
    n=$((n + 1))
    hash=${line%% *}
    record=${line#* }
    computed=$(printf '%s' "$record" | openssl dgst -sha256 -r | cut -c 1-64)
    [ "$computed" = "$hash" ] || fail "record $n: its content does not hash to $hash"
    case $record in
        *"\"prevHash\":\"$prev\""*) ;;
        *) fail "record $n does not follow the record before it" ;;
    esac
    case $record in
        *"\"seq\":$n,"*) ;;
        *) fail "record $n is missing" ;;
    esac
    prev=$hash
done < "$chain"

# 4. The end of the chain is what the digest signed.
[ "$n" -eq "$record_count" ] || fail "the export holds $n records up to record $last_seq; the digest signed $record_count"
[ "$prev" = "$last_hash" ] || fail "record $last_seq is not the record the digest signed: the trail was rewritten"
echo "OK: records 1..$last_seq verified against digest $(value sequence) signed at $(value time) with key $key_id"
