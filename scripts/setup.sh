#!/usr/bin/env bash
# Set up Openness Assistant in ./.venv: Python deps, the portable llama.cpp build, the package.
#   bash scripts/setup.sh          # to run `ask`
#   bash scripts/setup.sh --test   # also the test tools
# llama-cpp-python is compiled once with -DGGML_NATIVE=OFF (the native build crashes on some
# CPUs) into a wheel cache of our own: pip's own wheel cache ignores CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
LLAMA_CPP_VERSION=0.3.36
WHEELS=${OPENNESS_WHEELHOUSE:-$HOME/.cache/openness-assistant/wheels-portable}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip

mkdir -p "$WHEELS"
if ! ls "$WHEELS"/llama_cpp_python-"$LLAMA_CPP_VERSION"-*.whl >/dev/null 2>&1; then
  echo "Building llama-cpp-python $LLAMA_CPP_VERSION (portable CPU build, about 5 minutes, once)..."
  CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip wheel --quiet --no-deps --no-cache-dir \
    --no-binary llama-cpp-python -w "$WHEELS" "llama-cpp-python==$LLAMA_CPP_VERSION"
fi

target="."
[ "${1:-}" = "--test" ] && target=".[test]"
echo "Installing Openness Assistant and its dependencies..."
.venv/bin/python -m pip install --quiet --find-links "$WHEELS" -e "$target"
echo "Ready: .venv/bin/ask \"can I fine-tune Falcon-40B commercially?\""
