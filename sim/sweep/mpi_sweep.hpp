#pragma once
// `alliance sweep --mpi`: under `mpirun -np K`, rank r runs shard r+1/K into a
// hidden directory beside the output, and the first rank merges them into
// the one output an unsharded run writes. The output's folder must be on a
// file system every rank sees (a cluster's shared scratch). `--resume`
// resumes every rank's shard. Built when OpenMPI is installed (ALLIANCE_MPI AUTO or ON).
#include "sweep/sweep_runner.hpp"

namespace alliance {

// Without MPI support built in, throws SweepStateError saying how to build it.
SweepOutcome run_sweep_mpi(const PreparedSweep& sweep, const SweepPlan& plan);

}  // namespace alliance
