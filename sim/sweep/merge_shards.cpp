#include "sweep/merge_shards.hpp"

#include <fstream>
#include <set>

#include <fmt/format.h>

#include "scenario/input_file.hpp"
#include "io/output_directory.hpp"
#include "scenario/name_rule.hpp"
#include "scenario/table_reader.hpp"
#include "sweep/sweep_tables.hpp"

namespace alliance {

namespace fs = std::filesystem;

namespace {

// Merges one CSV file of every shard by the run index each line starts with.
// Lines of one run stay together and in their order (steps.csv).
void merge_csv(const std::vector<fs::path>& inputs, const fs::path& output) {
  std::vector<std::ifstream> in;
  std::vector<std::string> line(inputs.size());
  std::vector<std::optional<std::size_t>> run(inputs.size());
  std::string header;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    try {
      require_regular_file(inputs[i], inputs[i].filename().string());
    } catch (const InputError& e) {
      throw MergeError(e.what());
    }
    in.emplace_back(inputs[i], std::ios::binary);
    if (!in.back()) throw MergeError(fmt::format("cannot read {}", inputs[i].string()));
    std::string h;
    std::getline(in.back(), h);
    if (i == 0) header = h;
    else if (h != header) throw MergeError(fmt::format("{}: header differs from {}'s", inputs[i].string(), inputs[0].string()));
  }
  auto advance = [&](std::size_t i) {
    if (std::getline(in[i], line[i])) {
      run[i] = leading_run(line[i]);
      if (!run[i]) throw MergeError(fmt::format("{}: a line without a run index", inputs[i].string()));
    } else {
      run[i].reset();
    }
  };
  for (std::size_t i = 0; i < inputs.size(); ++i) advance(i);
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError(fmt::format("cannot create {}", output.string()));
  out << header << '\n';
  std::optional<std::size_t> last;
  while (true) {
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      if (run[i] && (!pick || *run[i] < *run[*pick])) pick = i;
    if (!pick) break;
    const std::size_t r = *run[*pick];
    if (last && r < *last) throw MergeError(fmt::format("{} is not in run order", inputs[*pick].string()));
    last = r;
    do {  // every line of this run in this shard
      out << line[*pick] << '\n';
      advance(*pick);
    } while (run[*pick] && *run[*pick] == r);
  }
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write {}", output.string()));
}

}  // namespace

SweepDirectory open_sweep_directory(const fs::path& dir) {
  const fs::path meta = dir / std::string(OutputDirectory::kSweepMarker);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(meta, ec)))
    throw MergeError(fmt::format("{} holds no sweep.json: not a finished sweep (or shard) output", dir.string()));
  SweepDirectory d;
  d.dir = dir;
  try {
    d.metadata = nlohmann::json::parse(read_input_file(meta, kMetadataFile));
    d.keep_steps = d.metadata.at("keep_steps").get<bool>();
    if (d.metadata.contains("shard"))
      d.shard = {d.metadata["shard"].at("index").get<std::size_t>() - 1, d.metadata["shard"].at("count").get<std::size_t>()};
    if (d.shard.count == 0 || d.shard.index >= d.shard.count) throw MergeError("its shard is not i/n with 1 <= i <= n");
  } catch (const InputError& e) {
    throw MergeError(e.what());
  } catch (const std::exception& e) {  // nlohmann::json errors, the shard above
    throw MergeError(fmt::format("{}: unreadable ({})", meta.string(), e.what()));
  }
  const fs::path sweep_file = dir / "inputs" / "sweep.toml";
  try {
    std::string bytes = read_input_file(sweep_file, kSweepFile);
    SweepDef def = read_sweep_text(bytes, sweep_file.string());
    def.scenario = dir / "inputs" / "scenario.toml";
    // The copy's file name is not the sweep's; the recorded name must still be a name.
    def.name = d.metadata.value("name", def.name);
    if (const std::string problem = name_problem(def.name); !problem.empty())
      throw MergeError(fmt::format("{}: name {}: {}", meta.string(), quoted_for_message(def.name), problem));
    d.sweep = prepare_sweep(std::move(def), std::move(bytes));
  } catch (const InputError& e) {
    throw MergeError(fmt::format("{}: its inputs/ do not read: {}", dir.string(), e.what()));
  }
  return d;
}

SweepOutcome merge_shards(const std::vector<fs::path>& shards, const fs::path& out) {
  if (shards.empty()) throw MergeError("no shard directories given");
  std::vector<SweepDirectory> dirs;
  for (const auto& s : shards) dirs.push_back(open_sweep_directory(s));
  const SweepDirectory& first = dirs.front();
  const std::size_t count = first.shard.count;
  std::set<std::size_t> seen;
  std::size_t ok = 0, failed = 0;
  for (const auto& d : dirs) {
    for (const char* key : {"sweep_file", "scenario_file"})
      if (d.metadata[key]["sha256"] != first.metadata[key]["sha256"])
        throw MergeError(fmt::format("{} and {} come from different {}s", d.dir.string(), first.dir.string(), key));
    if (d.shard.count != count || d.keep_steps != first.keep_steps)
      throw MergeError(fmt::format("{} and {} were run with different --shard counts or --keep-steps", d.dir.string(),
                                   first.dir.string()));
    if (!seen.insert(d.shard.index).second)
      throw MergeError(fmt::format("shard {}/{} is given twice", d.shard.index + 1, count));
    ok += d.metadata["runs"]["finished"].get<std::size_t>();
    failed += d.metadata["runs"]["failed"].get<std::size_t>();
  }
  if (seen.size() != count) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < count; ++i)
      if (!seen.count(i)) missing.push_back(fmt::format("{}/{}", i + 1, count));
    throw MergeError(fmt::format("shards missing: {}", fmt::join(missing, ", ")));
  }

  OutputDirectory dir(out, OutputKind::sweep);
  const fs::path staging = dir.staging_path();
  for (const char* file : {"runs.csv", "failures.csv", "steps.csv"}) {
    if (std::string(file) == "steps.csv" && !first.keep_steps) continue;
    std::vector<fs::path> inputs;
    for (const auto& d : dirs) inputs.push_back(d.dir / file);
    merge_csv(inputs, staging / file);
  }
  const SweepProvenance provenance{first.metadata["sweep_file"]["path"].get<std::string>(),
                                   first.metadata["scenario_file"]["path"].get<std::string>()};
  const auto metadata = sweep_metadata(first.sweep, provenance, Shard{}, first.keep_steps, ok, failed);
  write_sweep_summary(staging, first.sweep, metadata, Shard{}, first.keep_steps);
  dir.commit();
  return {first.sweep.runs(), ok, failed};
}

}  // namespace alliance
