# shellcheck shell=bash
# Number helpers for the benchmark scripts: summaries of run samples and unit conversions.
# Sourced by the main script; every function prints its answer on stdout.

# summarize NUMBER...: prints "median min max" of the given numbers.
# The median of an even count is the mean of the two middle values.
summarize() {
    printf '%s\n' "$@" | sort -g | awk '
        { value[NR] = $1 }
        END {
            if (NR == 0) { print "nan nan nan"; exit }
            if (NR % 2 == 1) { median = value[(NR + 1) / 2] }
            else { median = (value[NR / 2] + value[NR / 2 + 1]) / 2 }
            printf "%.6f %.6f %.6f\n", median, value[1], value[NR]
        }'
}

# median NUMBER...: prints the median of the given numbers.
median() {
    local stats
    stats=$(summarize "$@")
    printf '%s\n' "${stats%% *}"
}

# elapsed START END: seconds between two EPOCHREALTIME-style stamps.
elapsed() {
    awk -v start="$1" -v end="$2" 'BEGIN { printf "%.6f\n", end - start }'
}

# throughput_mb BYTES SECONDS: decimal megabytes (10^6 bytes) per second.
throughput_mb() {
    awk -v bytes="$1" -v seconds="$2" 'BEGIN {
        if (seconds <= 0) { print "inf"; exit }
        printf "%.0f\n", bytes / 1e6 / seconds
    }'
}

# kib_to_mib KIB: mebibytes with one decimal.
kib_to_mib() {
    awk -v kib="$1" 'BEGIN { printf "%.1f\n", kib / 1024 }'
}

# ratio NUMERATOR DENOMINATOR: quotient with two decimals.
ratio() {
    awk -v top="$1" -v bottom="$2" 'BEGIN {
        if (bottom <= 0) { print "nan"; exit }
        printf "%.2f\n", top / bottom
    }'
}

# at_least A B: succeeds when A >= B (decimal numbers).
at_least() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'
}

# kib_to_mb KIB: decimal megabytes (10^6 bytes) with one decimal.
kib_to_mb() {
    awk -v kib="$1" 'BEGIN { printf "%.1f\n", kib * 1024 / 1e6 }'
}

# maximum NUMBER...: prints the largest of the given numbers.
maximum() {
    printf '%s\n' "$@" | sort -g | tail -n 1
}

# mean NUMBER...: prints the mean of the given numbers, with three decimals.
mean() {
    printf '%s\n' "$@" | awk '{ sum += $1 } END { printf "%.3f\n", NR ? sum / NR : 0 }'
}
