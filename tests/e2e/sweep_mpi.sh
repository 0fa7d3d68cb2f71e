#!/usr/bin/env bash
# `mpirun -np 2 alliance sweep FILE --mpi` writes exactly the bytes of a
# sweep on one process (and of one rank alone), and resumes after a kill.
set -uo pipefail
mpirun=$1
alliance=$2
sweep=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# Containers and CI often run as root; OpenMPI refuses that unless told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1

"$alliance" -q sweep "$sweep" --threads 2 --out "$work/single" || fail "sweep without MPI"
"$mpirun" -np 2 "$alliance" -q sweep "$sweep" --mpi --threads 1 --out "$work/mpi2" || fail "mpirun -np 2"
diff -r "$work/single" "$work/mpi2" > /dev/null || fail "2 MPI ranks differ from one process"
"$mpirun" -np 3 "$alliance" -q sweep "$sweep" --mpi --threads 1 --out "$work/mpi3" || fail "mpirun -np 3"
diff -r "$work/single" "$work/mpi3" > /dev/null || fail "3 MPI ranks differ from one process"
"$mpirun" -np 1 "$alliance" -q sweep "$sweep" --mpi --out "$work/mpi1" || fail "mpirun -np 1"
diff -r "$work/single" "$work/mpi1" > /dev/null || fail "1 MPI rank differs from one process"
[ -z "$(ls -A "$work" | grep -E '^\.')" ] || fail "rank directories left behind: $(ls -A "$work")"

[ "$failures" -eq 0 ] && echo "sweep --mpi: all checks passed"
exit "$failures"
