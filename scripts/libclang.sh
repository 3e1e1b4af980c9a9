# Sourced by scripts/setup.sh (and by php-tests/607-setup-libclang-check.phpt): whether bindgen
# (through clang-sys) will find a libclang to load.
#
# has_libclang [ROOT]: succeeds when one of the usual library directories under ROOT (default: /)
# holds a file named like the libraries clang-sys loads, or (without ROOT) when LIBCLANG_PATH is set:
# libclang.so, libclang.so.N..., libclang-N.so, libclang-N.so.N... (N: digits and dots).
# libclang-cpp.so.N (package libclang-cppN) is a different library and does not count, nor do
# the static libclangAST.a and the like.

# The file name clang-sys accepts, as a bash regular expression.
LIBCLANG_NAME_RE='^libclang(-[0-9]+(\.[0-9]+)*)?\.so(\.[0-9]+)*$'

has_libclang() {
    local root="${1:-}"
    root="${root%/}"
    if [ -z "$root" ] && [ -n "${LIBCLANG_PATH:-}" ]; then
        return 0
    fi
    local dir file name
    for dir in "$root/usr/lib" "$root/usr/lib/x86_64-linux-gnu" "$root/usr/lib/aarch64-linux-gnu" \
        "$root/usr/local/lib" "$root"/usr/lib/llvm-*/lib; do
        [ -d "$dir" ] || continue
        for file in "$dir"/libclang*; do
            name="${file##*/}"
            if [[ "$name" =~ $LIBCLANG_NAME_RE ]] && [ -e "$file" ]; then
                return 0
            fi
        done
    done
    return 1
}
