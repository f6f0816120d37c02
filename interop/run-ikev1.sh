#!/usr/bin/env bash
# IKEv1 interoperability suite: the `ikev1` engine (examples binary `ikev1-peer`, in place of
# strongSwan `left`) against strongSwan 5.9 (`right`), with the shared harness in
# ../shared/interop (relative to the repository root; see its README).
#
#   interop/run-ikev1.sh              every profile in interop/profiles, both directions
#   interop/run-ikev1.sh main-aes     only profiles whose name contains the word
#
# Per profile and direction (ikev1-peer initiates to strongSwan; strongSwan initiates with
# `strongswan-peer.sh initiate right ipx-child` to ikev1-peer):
#   * strongSwan must list the IKE SA ESTABLISHED and the CHILD_SA INSTALLED (TUNNEL-in-UDP);
#   * ikev1-peer sends ICMP echo requests 10.1.0.1 -> 10.2.0.1 through the SA pair (ESP in
#     UDP 4500, built with esp-ah) and must decrypt at least one reply from 10.2.0.1;
#   * strongSwan's CHILD_SA `packets-in` must have grown.
# One line per combination: PASS/FAIL, the time from start to CHILD_SA up as ikev1-peer saw
# it (initiator: from the initiate command; responder: from the first IKE datagram), and
# details. Exit status: the number of failures. The namespaces are always torn down.
#
# Environment: IPX_IKEV1_OUT (logs, default /var/log/ipx/ikev1), IPX_CAPTURE=1 (tcpdump per
# combination), IPX_PERF_LOCK (the harness lock, default /tmp/ipx-netns.lock), CARGO_PROFILE
# (debug or release, default debug), IKEV1_PEER_BIN (a prebuilt ikev1-peer: no cargo build).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
H=${IPX_HARNESS:-$ROOT/../shared/interop}
PROFILES=$ROOT/interop/profiles
OUT=${IPX_IKEV1_OUT:-/var/log/ipx/ikev1}
LOCK=${IPX_PERF_LOCK:-/tmp/ipx-netns.lock}
PROFILE_KIND=${CARGO_PROFILE:-debug}
FILTER=${1:-}

[ -d "$H" ] || { echo "run-ikev1: harness $H missing" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run-ikev1: needs root (network namespaces)" >&2; exit 2; }

started=$(date +%s%N)
if [ -n "${IKEV1_PEER_BIN:-}" ]; then
	BIN=$IKEV1_PEER_BIN
else
	echo "==> building ikev1-peer ($PROFILE_KIND)"
	build_flags=(-p ipsec-examples --bin ikev1-peer)
	[ "$PROFILE_KIND" = release ] && build_flags+=(--release)
	(cd "$ROOT" && cargo build -q "${build_flags[@]}") || { echo "run-ikev1: build failed" >&2; exit 2; }
	# Honour CARGO_TARGET_DIR (and any other target-dir configuration) through cargo itself.
	target_dir=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
	BIN=$target_dir/$PROFILE_KIND/ikev1-peer
fi
[ -x "$BIN" ] || { echo "run-ikev1: $BIN missing" >&2; exit 2; }

mkdir -p "$OUT"
# One user of the namespaces at a time (perf.sh takes the same lock).
exec 9>"$LOCK"
flock -w 300 9 || { echo "run-ikev1: harness lock $LOCK busy" >&2; exit 2; }

PEER_PID=
CAP_PID=
cleanup() {
	[ -n "$PEER_PID" ] && kill "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null
	[ -n "$CAP_PID" ] && kill "$CAP_PID" 2>/dev/null && wait "$CAP_PID" 2>/dev/null
	PEER_PID= CAP_PID=
}
teardown() {
	cleanup
	"$H/netns-down.sh" >/dev/null 2>&1
}
trap teardown EXIT
trap 'exit 130' INT TERM

"$H/netns-down.sh" >/dev/null 2>&1
"$H/netns-up.sh" >/dev/null || { echo "run-ikev1: netns-up failed" >&2; exit 2; }

# wait_for FILE PATTERN TENTHS: poll until FILE contains PATTERN
wait_for() {
	local i
	for i in $(seq "$3"); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

failures=0 total=0
results=()
for P in "$PROFILES"/*/; do
	P=${P%/}
	name=$(basename "$P")
	[ -n "$FILTER" ] && [[ $name != *"$FILTER"* ]] && continue
	# shellcheck disable=SC1091
	. "$P/profile.env"
	for dir in initiator responder; do
		total=$((total + 1))
		tag=$name-$dir
		log=$OUT/$tag
		rm -rf "$log" && mkdir -p "$log"
		if ! "$H/strongswan-peer.sh" start right "$P" >"$log/start.txt" 2>&1; then
			results+=("FAIL  $(printf '%-36s %-22s' "$name" "$dir")      -    strongSwan did not start")
			failures=$((failures + 1))
			continue
		fi
		if [ "${IPX_CAPTURE:-0}" = 1 ]; then
			ip netns exec ipx-left tcpdump --immediate-mode -U -s 0 -ni ipx-l0 -w "$log/capture.pcap" \
				'udp port 500 or udp port 4500' >/dev/null 2>&1 &
			CAP_PID=$!
			sleep 0.3
		fi
		args=(--local 198.51.100.1 --peer 198.51.100.2 --mode "$IUT_MODE" --ike "$IUT_IKE" --esp "$IUT_ESP"
			--pfs "$IUT_PFS" --ping "$IPX_PING_SRC,$IPX_PING_DST" --pings 3 --max-time 15
			--retransmit-ms 1000 --keylog "$log/wireshark" --exit-after-result)
		if [ $dir = initiator ]; then args+=(--initiate); else args+=(--respond); fi
		ip netns exec ipx-left "$BIN" "${args[@]}" >"$log/peer.log" 2>&1 &
		PEER_PID=$!
		detail=
		if [ $dir = responder ]; then
			wait_for "$log/peer.log" listening 50
			t0=$(date +%s%N)
			IPX_TIMEOUT=15 "$H/strongswan-peer.sh" initiate right "$IPX_CHILD" >"$log/initiate.txt" 2>&1
			irc=$?
			t1=$(date +%s%N)
			detail="swanctl --initiate rc $irc in $(((t1 - t0) / 1000000)) ms, "
		fi
		wait_for "$log/peer.log" '^RESULT' 160
		raw=$("$H/strongswan-peer.sh" sas right --raw 2>/dev/null)
		printf '%s\n' "$raw" >"$log/sas.txt"
		"$H/strongswan-peer.sh" sas right >>"$log/sas.txt" 2>/dev/null
		cleanup
		cp /var/log/ipx/right.log "$log/right.log" 2>/dev/null
		result=$(grep '^RESULT' "$log/peer.log" | tail -1)
		up=$(sed -n 's/.*child_up_ms=\([0-9-]*\).*/\1/p' <<<"$result")
		echo_=$(sed -n 's/.*echo=\([0-9]*\/[0-9]*\).*/\1/p' <<<"$result")
		replies=${echo_%%/*}
		pin=$(grep -o 'packets-in=[0-9]*' <<<"$raw" | head -1 | cut -d= -f2)
		encap=$(grep -o 'encap=[a-z]*' <<<"$raw" | head -1 | cut -d= -f2)
		ok=1 why=
		grep -q 'state=ESTABLISHED' <<<"$raw" || { ok=0; why+="IKE SA not ESTABLISHED; "; }
		grep -q 'state=INSTALLED' <<<"$raw" || { ok=0; why+="CHILD_SA not INSTALLED; "; }
		[[ $result == "RESULT ok"* ]] || { ok=0; why+="ikev1-peer: ${result:-no result}; "; }
		[ "${replies:-0}" -gt 0 ] 2>/dev/null || { ok=0; why+="no echo reply decrypted; "; }
		[ "${pin:-0}" -gt 0 ] 2>/dev/null || { ok=0; why+="strongSwan packets-in ${pin:-?}; "; }
		[ "$encap" = yes ] || { ok=0; why+="not UDP-encapsulated; "; }
		who=$([ $dir = initiator ] && echo "ikev1-peer -> strongSwan" || echo "strongSwan -> ikev1-peer")
		if [ $ok = 1 ]; then
			verdict=PASS
			detail+="echo $echo_, strongSwan packets-in $pin, TUNNEL-in-UDP"
		else
			verdict=FAIL
			failures=$((failures + 1))
			detail+="$why(logs: $log)"
		fi
		line=$(printf '%-4s  %-36s %-25s %6s ms  %s' "$verdict" "$name" "$who" "${up:--}" "$detail")
		echo "$line"
		results+=("$line")
	done
done

# extra NAME PROFILE CHECK ARGS...: one more ikev1-peer -> strongSwan run with extra peer
# arguments; CHECK is a shell function that inspects "$log" and sets `why` on failure.
extra() {
	local name=$1 P=$PROFILES/$2 check=$3
	shift 3
	[ -n "$FILTER" ] && [[ $name != *"$FILTER"* ]] && return
	total=$((total + 1))
	log=$OUT/$name
	rm -rf "$log" && mkdir -p "$log"
	# shellcheck disable=SC1091
	. "$P/profile.env"
	"$H/strongswan-peer.sh" start right "$P" >"$log/start.txt" 2>&1
	ip netns exec ipx-left "$BIN" --local 198.51.100.1 --peer 198.51.100.2 --initiate --mode "$IUT_MODE" \
		--pfs "$IUT_PFS" --ping "$IPX_PING_SRC,$IPX_PING_DST" --pings 2 --max-time 15 --retransmit-ms 1000 \
		--keylog "$log/wireshark" "$@" >"$log/peer.log" 2>&1 &
	PEER_PID=$!
	wait "$PEER_PID" 2>/dev/null
	PEER_PID=
	"$H/strongswan-peer.sh" sas right --raw >"$log/sas.txt" 2>/dev/null
	cp /var/log/ipx/right.log "$log/right.log" 2>/dev/null
	result=$(grep '^RESULT' "$log/peer.log" | tail -1)
	up=$(sed -n 's/.*child_up_ms=\([0-9-]*\).*/\1/p' <<<"$result")
	why=
	[[ $result == "RESULT ok"* ]] || why+="ikev1-peer: ${result:-no result}; "
	$check
	if [ -z "$why" ]; then verdict=PASS; else verdict=FAIL; failures=$((failures + 1)); detail="$why(logs: $log)"; fi
	line=$(printf '%-4s  %-36s %-25s %6s ms  %s' "$verdict" "$name" "ikev1-peer -> strongSwan" "${up:--}" "$detail")
	echo "$line"
}

# Several proposals: strongSwan must pick our second IKE and third ESP proposal.
check_proposals() {
	grep -q 'selected proposal: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024' "$log/right.log" ||
		why+="IKE proposal not selected; "
	grep -q 'selected proposal: ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1024' "$log/right.log" ||
		why+="ESP proposal not selected; "
	detail="offered 2 IKE and 3 ESP proposals, strongSwan chose IKE #2 and ESP #3, $(grep -o 'echo=[0-9/]*' "$log/peer.log")"
}
extra ikev1-extra-several-proposals ikev1-main-aes128-sha1-pfs check_proposals --exit-after-result \
	--ike aes256-sha256-modp2048,aes128-sha1-modp1024 --esp aes256-sha256,3des-md5,aes128-sha1

# DPD (RFC 3706) every second, answered by strongSwan, then our Deletes remove its SAs.
check_dpd_delete() {
	local dpd acks
	dpd=$(grep -c 'parsed INFORMATIONAL_V1 request .* N(DPD) ' "$log/right.log")
	acks=$(grep -c 'generating INFORMATIONAL_V1 request .* N(DPD_ACK) ' "$log/right.log")
	[ "$dpd" -ge 2 ] && [ "$acks" -ge 2 ] || why+="DPD: $dpd R-U-THERE, $acks acks; "
	grep -q 'PeerDead' "$log/peer.log" && why+="peer declared dead; "
	grep -q 'received DELETE for ESP CHILD_SA' "$log/right.log" || why+="no ESP DELETE; "
	grep -q 'received DELETE for IKE_SA' "$log/right.log" || why+="no ISAKMP DELETE; "
	grep -q 'state=' "$log/sas.txt" && why+="strongSwan still has SAs; "
	detail="$dpd R-U-THERE, $acks R-U-THERE-ACK, Deletes of ESP and ISAKMP SAs removed strongSwan's SAs"
}
extra ikev1-extra-dpd-delete ikev1-main-aes128-sha1-nopfs check_dpd_delete \
	--ike aes128-sha1-modp1024 --esp aes128-sha1 --dpd 1 --clear-after 4

elapsed=$((($(date +%s%N) - started) / 1000000))
echo
echo "IKEv1 interop: $((total - failures))/$total passed in $((elapsed / 1000)).$((elapsed % 1000 / 100)) s (logs in $OUT)"
exit $failures
