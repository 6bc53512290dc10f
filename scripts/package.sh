#!/usr/bin/env bash
# Writes store-ready zips for Chrome and Firefox under dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p 'require("./extension/manifest.json").version')
mkdir -p dist
rm -f "dist/rapport-$version-chrome.zip" "dist/rapport-$version-firefox.zip"
# One manifest serves both stores; Chrome ignores browser_specific_settings.
(cd extension && zip -qr -9 -X "../dist/rapport-$version-chrome.zip" . -x '.*')
(cd extension && zip -qr -9 -X "../dist/rapport-$version-firefox.zip" . -x '.*')
ls -l dist/rapport-"$version"-*.zip
