#!/usr/bin/env bash
# Cuts EB Garamond down to what a CV can contain, so the extension ships ~220 KB of fonts instead of ~940 KB.
# Input: Debian 12's fonts-ebgaramond-extra files; output: fonts/. Needs fontTools (apt-get install -y python3-fonttools).
# Kept: Latin (Basic, Latin-1, Extended-A/B, IPA bits, Extended Additional incl. Vietnamese), combining marks, Greek,
# Cyrillic, general punctuation (dashes, quotes, "•"), currency, letterlike symbols, arrows, minus, "●".
# Dropped: OpenType layout tables (jsPDF applies no features), hinting (PDF viewers do not use TrueType hints here),
# and glyphs outside those ranges (small caps, alternates, historic forms).
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=${1:-/usr/share/fonts/truetype/ebgaramond}
RANGES="U+0020-007E,U+00A0-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-2199,U+2212,U+25CF"
for face in Regular Italic Bold; do
  python3 -m fontTools.subset "$SRC/EBGaramond12-$face.ttf" --unicodes="$RANGES" --layout-features='' --no-hinting \
    --output-file="fonts/EBGaramond12-$face.ttf"
done
ls -l fonts/*.ttf
