#pragma once
// A scratch directory for tests that need files on disk (scenarios, extends
// chains). Each test names its own directory, and the process id keeps
// parallel test processes apart; the directory is removed afterwards.

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace mmsim::testing {

class TempDir {
public:
    explicit TempDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() /
                ("mmsim-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `text` to `name` inside the directory; returns the file's path.
    std::string write(const std::string& name, const std::string& text) const {
        const std::filesystem::path file = path_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }
    /// The directory with a trailing separator, to strip from messages.
    std::string prefix() const { return (path_ / "").string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace mmsim::testing
