#!/usr/bin/env bash
# CI: report.html in a real browser. Writes the HTML reports of two shipped
# scenarios (and a compare.html), checks that no page refers to anything
# outside itself, renders each report headless with Debian's Chromium (every
# network feature off) and checks the screenshot is not blank: most of the
# page drawn, many colours, and the chart palette's blue present; then that
# mss-2024's maps are in the page (a circle per zone in each map) and drawn
# (a screenshot of the maps alone shows the colour ramp).
#   MMSIM=build/release/mmsim scripts/ci/html.sh
# Screenshots are kept in build/ci-html/ (or $HTML_OUT) for a human to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."
mmsim="${MMSIM:-build/release/mmsim}"
# Debian's interpreter, where python3-pil installs.
python=/usr/bin/python3

scripts/install-missing.sh html chromium python3-pil

out="${HTML_OUT:-build/ci-html}"
rm -rf "$out"
mkdir -p "$out"
"$mmsim" run scenarios/tiny.yaml -q --replications 3 --format html,json --out "$out/tiny"
"$mmsim" run scenarios/mss-2024.yaml -q --replications 3 --format html --out "$out/mss-2024"
"$mmsim" compare --run scenarios/tiny.yaml --alt-set 'contingents.bravo.waves[0].officers=6' \
  --replications 3 --metrics 'coverage.*,response.mean_min,response.p50_min' --format html --out "$out/compare" -q

# No reference outside the page: no URL, no external script, style, image or
# frame, and every link an anchor of the page itself.
for page in "$out"/tiny/report.html "$out"/mss-2024/report.html "$out"/compare/compare.html; do
  if grep -Eion 'https?://|src[[:space:]]*=|url\(|@import|<script|<link|<iframe|<img' "$page"; then
    echo "html: $page refers to something outside itself (above)" >&2
    exit 1
  fi
  for anchor in $(grep -Eo 'href="[^"]*"' "$page" | sed 's/^href="//; s/"$//' | sort -u); do
    case "$anchor" in
      '#'*) grep -q "id=\"${anchor#\#}\"" "$page" || { echo "html: $page: no target for $anchor" >&2; exit 1; } ;;
      *) echo "html: $page: link $anchor leaves the page" >&2; exit 1 ;;
    esac
  done
done

render() {  # render PAGE PNG
  local profile
  profile="$(mktemp -d)"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --disable-extensions --hide-scrollbars --mute-audio \
    --user-data-dir="$profile" --screenshot="$2" --window-size=1280,2400 \
    "file://$(realpath "$1")" >/dev/null 2>&1
  rm -rf "$profile"
}
for name in tiny mss-2024; do
  render "$out/$name/report.html" "$out/$name.png"
  "$python" - "$out/$name.png" <<'PY'
import sys
from PIL import Image

path = sys.argv[1]
image = Image.open(path).convert("RGB")
assert image.size == (1280, 2400), f"{path}: unexpected size {image.size}"
small = image.resize((320, 600))
pixels = list(small.getdata())
drawn = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
colours = len(set(image.getdata()))
# The first chart colour (Okabe-Ito blue #0072B2) proves the SVG charts were drawn.
blue = sum(1 for (r, g, b) in pixels if abs(r - 0) < 30 and abs(g - 114) < 30 and abs(b - 178) < 30)
print(f"html: {path}: {drawn:.1%} of the page drawn, {colours} colours, {blue} blue chart pixels (of {len(pixels)})")
assert drawn > 0.05, f"{path}: the page is (nearly) blank"
assert colours > 50, f"{path}: too few colours for charts"
assert blue > 500, f"{path}: no chart drawn in the palette's blue"
PY
done
# The maps of mss-2024: in the page (a key map and a circle per zone in each
# panel), and drawn: the maps section alone, as a page of its own (a page
# opened at #maps renders blank headless), shows the colour ramp's colours.
"$python" - "$out/mss-2024/report.html" "$out/mss-2024-maps.html" \
  "$(grep -c '^    [a-z_]*:$' <(sed -n '/^  zones:/,/^  roads:/p' scenarios/mss-2024.yaml))" <<'PY'
import sys

page = open(sys.argv[1], encoding="utf-8").read()
zones = int(sys.argv[3])
start = page.find('<section id="maps">')
assert start >= 0, "html: mss-2024: no maps section"
maps = page[start:page.index("</section>", start) + len("</section>")]
svgs, circles = maps.count("<svg"), maps.count('<circle class="zone"')
print(f"html: mss-2024: {svgs} maps, {circles} zone circles for {zones} zones")
assert svgs >= 2 and circles % zones == 0 and circles >= 3 * zones, "html: mss-2024: maps missing"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(page[:page.index("<main>")] + "<main>\n" + maps + "\n</main>\n</body>\n</html>\n")
PY
render "$out/mss-2024-maps.html" "$out/mss-2024-maps.png"
"$python" - "$out/mss-2024-maps.png" <<'PY'
import sys
from PIL import Image

path = sys.argv[1]
pixels = list(Image.open(path).convert("RGB").resize((640, 1200)).getdata())
near = lambda c, p: all(abs(a - b) < 40 for a, b in zip(c, p))
ramp = {name: sum(1 for p in pixels if near(c, p)) for name, c in
        {"purple": (0x44, 0x01, 0x54), "teal": (0x21, 0x91, 0x8c), "yellow": (0xfd, 0xe7, 0x25)}.items()}
print(f"html: {path}: colour ramp pixels {ramp}")
assert sum(1 for n in ramp.values() if n > 20) >= 2, f"{path}: no map coloured on the ramp"
PY
echo "html: reports render in Chromium; screenshots in $out/"
