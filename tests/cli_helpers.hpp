#pragma once
// Runs the real mmsim binary from tests, capturing exit code and output.

#include <filesystem>
#include <string>

namespace mmsim::test {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `mmsim ARGS` (a shell-quoted argument string) in the repository root.
Outcome run_mmsim(const std::string& args);

/// A fresh empty folder under the system temporary folder.
std::filesystem::path fresh_folder(const std::string& name);

/// The whole content of a file ("" if it cannot be read).
std::string read_text(const std::filesystem::path& path);

}  // namespace mmsim::test
