#!/usr/bin/env bash
# The Get started walkthrough's pictures: the README's screenshots (docs/images/, written by the UI
# tests with --update-screenshots), 760 pixels wide (the walkthrough shows them in a side panel) as JPEG, so the VSIX stays small. Needs
# ImageMagick (`apt-get install imagemagick`). Run after updating the screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p media/walkthrough
for name in postfix-log-colours hover quick-fix summary terminal-check; do
  convert "docs/images/$name.png" -resize 760x -strip -quality 65 "media/walkthrough/$name.jpg"
done
