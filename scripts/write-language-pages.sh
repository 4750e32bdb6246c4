#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), after scripts/build-sandbox-wasm.sh and before
# scripts/write-service-worker.sh (which then precaches what this writes): the static page
# of each language but English, index.<lang>.html, and the list of them in every page.
#
# index.<lang>.html is the built index.html with the language's static page (shell.<lang>.html,
# written by the shell test from locales/<lang>.json and lessons/<lang>/catalog.json) in
# place of the English one, and <html lang> set: its home page needs no wasm, as English's.
# The languages come from locales/languages.json, so adding one adds no code here.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
index="$staging/index.html"

# The codes, in the file's order ({"en": "English", "vi": "Tiếng Việt"}).
mapfile -t codes < <(grep -o '"[a-z][a-z-]*"[[:space:]]*:' locales/languages.json | sed 's/"//g; s/[[:space:]]*:$//')
[[ "${codes[0]:-}" == en ]] || { echo "write-language-pages: locales/languages.json must list en first" >&2; exit 1; }

# Every page names all languages: index.html's script sends the home page to the chosen one.
LANGS="${codes[*]}" perl -0pi -e 's{<meta (?:content="?en"? name="?kp-languages"?|name="kp-languages" content="en") ?/?>}{<meta content="$ENV{LANGS}" name=kp-languages>} or die "write-language-pages: no kp-languages meta in index.html\n"' "$index"

for code in "${codes[@]:1}"; do
  shell="shell.$code.html"
  [[ -f "$shell" ]] || { echo "write-language-pages: no $shell (UPDATE_SHELL=1 cargo test -p kafka-playground shell)" >&2; exit 1; }
  # The static page is the one <div id=shell> ... </footer></div> (as Trunk's release build
  # minifies it, or as written under trunk serve).
  SHELL_HTML="$(cat "$shell")" CODE="$code" perl -0p -e '
    s{<html lang="?en"?>}{<html lang=$ENV{CODE}>} or die "write-language-pages: no <html lang=en>\n";
    s{<div [^>]*\bid="?shell"?(?=[\s>])[^>]*>.*?</footer>\s*</div>\n?}{$ENV{SHELL_HTML}}s or die "write-language-pages: no static page in index.html\n";
  ' "$index" > "$staging/index.$code.html"
  echo "write-language-pages: index.$code.html ($(wc -c < "$staging/index.$code.html") bytes)"
done
