#pragma once
// The scratch folder a fuzz target writes each input into, as a file, so that
// inputs go through the same code as a user's file (size check, `extends`
// resolved relative to it). It holds copies of the files inputs may name:
// the corpus helpers (tests/bad/include/ as include/), the shipped scenarios
// and base.yaml, a copy of scenarios/tiny.yaml.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mmsim::fuzz {

/// The folder for this process, made and filled on first use.
const std::filesystem::path& workspace();

/// Writes `size` bytes to `name` inside the workspace; returns its path.
std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size);

/// The `--set` arguments of a leading `# args: --set PATH=VALUE ...` line
/// (the corpus convention of tests/bad), so that the fuzzer mutates them too.
std::vector<std::string> overrides_of(const std::uint8_t* data, std::size_t size);

}  // namespace mmsim::fuzz
