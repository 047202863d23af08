#pragma once
// Runs the real mmsim binary from tests, capturing exit code and output.

#include <filesystem>
#include <string>
#include <vector>

namespace mmsim::test {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `mmsim ARGS` (a shell-quoted argument string) in the repository root.
Outcome run_mmsim(const std::string& args);

/// Resource limits for a run of mmsim on hostile input: a run past them is
/// killed (and so does not exit with the code a test expects).
struct RunLimits {
    int cpu_seconds = 2;     ///< CPU time (ulimit -t), not wall-clock time
    long memory_mib = 1024;  ///< address space (ulimit -v); 0 = unlimited
};

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MMSIM_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MMSIM_TEST_SANITIZED 1
#endif
#endif

/// The limits hostile input must be refused within: well under a second of
/// CPU in an optimised build; sanitizers slow everything down and reserve
/// terabytes of address space, so they get room instead.
#ifdef MMSIM_TEST_SANITIZED
inline constexpr RunLimits kHostileRunLimits{30, 0};
#else
inline constexpr RunLimits kHostileRunLimits{2, 1024};
#endif

/// Like run_mmsim, under `limits`.
Outcome run_mmsim(const std::string& args, const RunLimits& limits);

/// A fresh empty folder under the system temporary folder.
std::filesystem::path fresh_folder(const std::string& name);

/// The id of a process that has ended (for a temporary left by a killed run);
/// -1 when no process could be started.
long ended_process();

/// Starts `mmsim ARGS...` (not through a shell, output to /dev/null) in the
/// current folder, with this process's environment; returns its process id
/// (-1 when it could not start). The caller waits for it.
long start_mmsim(const std::vector<std::string>& args);

/// The whole content of a file ("" if it cannot be read).
std::string read_text(const std::filesystem::path& path);

/// How often `what` occurs in `text` (overlapping occurrences count).
std::size_t count(const std::string& text, const std::string& what);

}  // namespace mmsim::test
