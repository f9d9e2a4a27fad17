# shellcheck shell=bash disable=SC2034 # the sourcing script reads the LAST_ variables
# Helpers shared by the benchmark scripts: clock, Debian installs, test data, timing under
# GNU time, and the description of the machine. Sourced by the main script.

LAST_SECONDS=""
LAST_RSS_KIB=""
LAST_CPU_SECONDS=""

# now: the current time in seconds, with microseconds.
now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        printf '%s\n' "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

# install_packages PACKAGE...: apt-get install without starting any service (such as the
# system's nginx): a temporary policy-rc.d forbids service starts during the installation.
install_packages() {
    local policy=/usr/sbin/policy-rc.d added=0 status=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        added=1
    fi
    {
        apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
    } >&2 || status=$?
    if ((added)); then
        rm -f "$policy"
    fi
    return "$status"
}

# can_install: succeeds when this account may install Debian packages.
can_install() {
    [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null
}

# make_blob PATH BYTES: writes BYTES incompressible bytes to PATH: AES-CTR over zeros, much
# faster than /dev/urandom. Fails when the file does not get the requested size.
make_blob() {
    local path=$1 bytes=$2
    head -c "$bytes" /dev/zero |
        openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:fetcher-$bytes" -out "$path"
    [[ $(stat -c %s "$path") -eq $bytes ]]
}

# sha256_of FILE: the SHA-256 of FILE in hexadecimal, by openssl.
sha256_of() {
    local line
    line=$(openssl dgst -sha256 -r "$1") || return 1
    printf '%s\n' "${line%% *}"
}

# measure_into DIR COMMAND...: runs COMMAND under GNU time, its standard output and error
# kept in DIR/stdout and DIR/stderr. Sets LAST_SECONDS (wall time), LAST_RSS_KIB (peak
# resident set of the command and of everything it waited for) and LAST_CPU_SECONDS (user
# and system time, to 10 ms). Returns the command's status.
measure_into() {
    local dir=$1 start end status=0 rss user kernel
    shift
    start=$(now)
    /usr/bin/time -q -f '%M %U %S' -o "$dir/rss" -- "$@" >"$dir/stdout" 2>"$dir/stderr" ||
        status=$?
    end=$(now)
    LAST_SECONDS=$(awk -v start="$start" -v end="$end" 'BEGIN { printf "%.6f\n", end - start }')
    read -r rss user kernel < <(tail -n 1 "$dir/rss")
    LAST_RSS_KIB=$rss
    [[ $LAST_RSS_KIB =~ ^[0-9]+$ ]] || LAST_RSS_KIB=0
    LAST_CPU_SECONDS=$(awk -v user="${user:-0}" -v kernel="${kernel:-0}" \
        'BEGIN { printf "%.2f\n", user + kernel }')
    return "$status"
}

# cpu_model: the processor's model name.
cpu_model() {
    local model
    model=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    printf '%s\n' "${model:-unknown}"
}

# load_average: the 1, 5 and 15 minute load averages.
load_average() {
    cut -d ' ' -f 1-3 /proc/loadavg
}

# source_commit DIRECTORY: the short commit of the git tree holding DIRECTORY, with
# ", with uncommitted changes" when tracked files differ from it; nothing outside a tree.
source_commit() {
    local commit
    commit=$(git -C "$1" rev-parse --short HEAD 2>/dev/null) || return 0
    printf '%s' "$commit"
    if [[ -n $(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
        printf ', with uncommitted changes'
    fi
    printf '\n'
}
