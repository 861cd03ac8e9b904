#!/bin/sh
# One simarena tournament run per Slurm array task, on a cluster whose nodes
# share the results folder. Each task runs exactly line $SLURM_ARRAY_TASK_ID
# (from 0) of <results>/plan.jsonl and appends its result line to
# <results>/runs.jsonl under a file lock; a task whose run is already
# recorded does nothing, so resubmitting the whole array, or only the missing
# indexes, never records a run twice.
#
#   simarena tournament entries/ --tracks sprint,rough --seeds 3 --out /shared/results --plan
#   sbatch --array=0-<N-1> --output=/shared/results/slurm-%A_%a.out \
#          --export=ALL,SIMARENA=/path/to/simarena scripts/slurm-tournament.sh /shared/results
#   simarena leaderboard /shared/results
#
# SIMARENA: the simarena executable (default: simarena on PATH); every node
# needs the same build (replays verify bit for bit only on the same build).
# docs/judging.md has the whole event.
#SBATCH --job-name=simarena-tournament
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
set -eu
results=${1:?usage: sbatch --array=0-N scripts/slurm-tournament.sh RESULTS_DIR}
: "${SLURM_ARRAY_TASK_ID:?not an array task: submit with sbatch --array=0-N}"
exec "${SIMARENA:-simarena}" tournament --out "$results" --job "$SLURM_ARRAY_TASK_ID" --quiet
