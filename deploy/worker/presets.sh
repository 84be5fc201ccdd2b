# Model-server presets for start.sh: which routes the worker serves, how a request's workload is
# counted, what the start-up benchmark sends, and which log lines and health path say the model is
# loaded or failed. Each preset sets only what the environment left unset, so MODEL_SERVER_URL,
# MODEL_LOG and MODEL_HEALTH_ENDPOINT always win; every other property can still be given after it.
#
# The benchmark of the generating servers needs the served model's name: VASTMESH_MODEL_NAME
# (or MODEL_NAME, as Vast's templates call it). Without it they skip the benchmark payload, and the
# worker admits by vastmesh.worker.vast.max-perf until then.

PRESET_ARGS=()

# route workload parallel [benchmark payload]
preset_handler() {
  local i=${#PRESET_HANDLERS[@]}
  PRESET_HANDLERS+=("$1")
  PRESET_ARGS+=("--vastmesh.worker.handlers[$i].route=$1" "--vastmesh.worker.handlers[$i].workload=$2"
    "--vastmesh.worker.handlers[$i].allow-parallel-requests=$3")
  [ -n "${4:-}" ] && PRESET_ARGS+=("--vastmesh.worker.handlers[$i].benchmark-payload=$4")
  return 0
}

# kind(on-load|on-error) substring...
preset_lines() {
  local kind=$1 i=0
  shift
  for line in "$@"; do PRESET_ARGS+=("--vastmesh.worker.startup.$kind[$i]=$line"); i=$((i + 1)); done
}

# model server URL, health path
preset_server() {
  export MODEL_SERVER_URL="${MODEL_SERVER_URL:-$1}"
  export MODEL_HEALTH_ENDPOINT="${MODEL_HEALTH_ENDPOINT:-$2}"
}

preset_args() {
  PRESET_ARGS=()
  PRESET_HANDLERS=()
  local model="${VASTMESH_MODEL_NAME:-${MODEL_NAME:-}}" prompt="Write one sentence about GPUs." bench
  case "$1" in
    vllm)
      # vLLM's OpenAI-compatible server: a request's workload is the tokens it asks for.
      preset_server http://127.0.0.1:8000 /health
      bench=""
      [ -n "$model" ] && bench="{\"model\":\"$model\",\"prompt\":\"$prompt\",\"max_tokens\":128}"
      preset_handler /v1/completions number:/max_tokens true "$bench"
      preset_handler /v1/chat/completions number:/max_tokens true
      preset_lines on-load "Application startup complete."
      preset_lines on-error "RuntimeError:" "Traceback (most recent call last)" "CUDA out of memory"
      ;;
    tgi)
      # Hugging Face text-generation-inference (its image listens on 80).
      preset_server http://127.0.0.1:80 /health
      preset_handler /generate number:/parameters/max_new_tokens true \
        "{\"inputs\":\"$prompt\",\"parameters\":{\"max_new_tokens\":128}}"
      preset_handler /generate_stream number:/parameters/max_new_tokens true
      preset_lines on-load '"Connected"'
      preset_lines on-error "Error: ShardCannotStart" "Error: DownloadError" "Error: WebserverFailed"
      ;;
    tei)
      # Hugging Face text-embeddings-inference: the workload is the number of inputs.
      preset_server http://127.0.0.1:80 /health
      preset_handler /embed array-length:/inputs true \
        '{"inputs":["a GPU worker on Vast.ai","the control plane routes events","embeddings for semantic search","cheap and safe GPUs"]}'
      preset_lines on-load "Ready"
      preset_lines on-error "Error:" "panicked at"
      ;;
    ollama)
      # Ollama's own API: no token count in the request, so the prompt's length estimates it.
      preset_server http://127.0.0.1:11434 /api/version
      bench=""
      [ -n "$model" ] && bench="{\"model\":\"$model\",\"prompt\":\"$prompt\",\"stream\":false}"
      preset_handler /api/generate chars:/prompt false "$bench"
      preset_handler /api/chat constant:100 false
      preset_lines on-load "Listening on"
      preset_lines on-error "Error:" "error loading model"
      ;;
    embeddings)
      # The CPU embeddings demo (examples/embeddings-model-server), OpenAI-compatible.
      preset_server http://127.0.0.1:8000 /health
      preset_handler /v1/embeddings array-length:/input true \
        '{"input":["a GPU worker on Vast.ai","the control plane routes events","embeddings for semantic search","cheap and safe GPUs"]}'
      preset_lines on-load "Application startup complete"
      preset_lines on-error "RuntimeError"
      ;;
    none) ;;
    *)
      echo "start.sh: unknown VASTMESH_WORKER_PRESET '$1' (known: vllm, tgi, tei, ollama, embeddings, none)" >&2
      return 2
      ;;
  esac
}
