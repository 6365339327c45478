# Sourced by prefect.sh, airflow.sh and postgres.sh: what each needs to run a server a Swift
# test can start and stop.

# Running, and not a zombie: where PID 1 reaps nothing (this sandbox's init),
# a killed server stays a zombie that `kill -0` still finds.
alive_pid() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z* ]]
}

# What a Swift test passes down, undone before the server starts: Foundation's
# Process leaves the spawning thread's signal mask, which blocks every signal
# (SIGTERM included; bash cannot unblock one), and open descriptors of other
# processes' pipes, which a long-lived server would hold open, so the test
# waiting for the output of `start` (or of anything else) would never see its end.
# Run a server as: python -c "$clean_exec" COMMAND ARGS...
clean_exec='import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])'

# A free port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Sends SIGNAL to the server of $dir/pid and its children (the script's `alive`
# says whether it runs). setsid made the server its session and process-group
# leader: -PID is its group.
signal_group() {
  local signal="$1" pid
  alive || return 0
  pid="$(cat "$dir/pid")"
  kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
}
