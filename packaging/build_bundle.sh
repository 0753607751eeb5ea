#!/usr/bin/env bash
# Build annotator as a one-folder bundle with PyInstaller, then report its size.
#
#   packaging/build_bundle.sh [--dist DIR] [--work DIR] [--python PYTHON]
#
#   --dist DIR       where the bundle goes (default: dist; the bundle is DIR/annotator)
#   --work DIR       PyInstaller's scratch folder (default: build/pyinstaller)
#   --python PYTHON  build in this Python's environment instead of the build venv
#                    build/bundle-venv (made on the first run and reused); either way
#                    it gets PyInstaller and the project's dependencies installed
#
# The build venv holds the runtime dependencies only, so nothing optional (spaCy, the
# test tools) can slip into the bundle. Run the result with dist/annotator/annotator.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
DIST=$REPO/dist
WORK=$REPO/build/pyinstaller
VENV=$REPO/build/bundle-venv
PYTHON=""

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --python) PYTHON=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "build_bundle.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done

if [ -z "$PYTHON" ]; then
    [ -d "$VENV" ] || python3 -m venv "$VENV"
    PYTHON=$VENV/bin/python
    [ -x "$PYTHON" ] || PYTHON=$VENV/Scripts/python.exe  # a venv made on Windows
fi

echo "== installing PyInstaller and the project into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
"$PYTHON" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10,<7" "$REPO"
if [ "$(uname)" = Darwin ]; then
    # PyInstaller turns the PNG icon into the .icns that macOS wants with Pillow.
    "$PYTHON" -m pip install --quiet --disable-pip-version-check pillow
fi

echo "== building $DIST/annotator"
# The spec puts the repository first on the import path, so the bundle holds the
# source as it is now, whatever copy of annotator the environment has installed.
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$REPO/packaging/annotator.spec"

BUNDLE=$DIST/annotator
echo "== bundle: $BUNDLE"
echo "size:  $(du -sh "$BUNDLE" | cut -f1)"
echo "files: $(find "$BUNDLE" -type f | wc -l | tr -d ' ')"
