#pragma once
// The formats `alliance graph` writes (io/graph_export.hpp), with their
// names on the command line.
#include <string_view>

namespace alliance {

enum class GraphFormat { dot, graphml };

// `--format`, indexed by GraphFormat.
inline constexpr std::string_view kGraphFormatNames[] = {"dot", "graphml"};

}  // namespace alliance
