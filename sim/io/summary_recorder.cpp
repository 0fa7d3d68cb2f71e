#include "io/summary_recorder.hpp"

namespace alliance {

SummaryRecorder::SummaryRecorder(const RecordingContext& context, int replicate, std::uint64_t seed)
    : context_(context), tally_(start_tally(context, replicate, seed)) {}

void SummaryRecorder::on_step(const World& world) { tally_step(tally_, world, context_); }

}  // namespace alliance
