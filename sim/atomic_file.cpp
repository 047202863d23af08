#include "mmsim/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "mmsim/error.hpp"

namespace mmsim {
namespace {

// The PID in a name `.NAME.PID.tmp`, if it is one.
std::optional<long> temporary_owner(const std::string& name) {
    constexpr std::string_view kSuffix = ".tmp";
    if (name.size() < 2 + kSuffix.size() || name.front() != '.' ||
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
        return std::nullopt;
    const std::string stem = name.substr(0, name.size() - kSuffix.size());
    const std::size_t dot = stem.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == stem.size()) return std::nullopt;
    long pid = 0;
    for (std::size_t i = dot + 1; i < stem.size(); ++i) {
        if (stem[i] < '0' || stem[i] > '9' || pid > 100'000'000) return std::nullopt;
        pid = pid * 10 + (stem[i] - '0');
    }
    return pid;
}

bool process_exists(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH);
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::filesystem::path& temporary,
                       int error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error("cannot write " + path.string() + ": " + std::strerror(error));
}

// fsync, except where the file system cannot (EINVAL: a pipe, some network
// file systems): durability is then what that file system gives.
bool synced(int fd) {
    return ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
}

}  // namespace

std::filesystem::path temporary_path(const std::filesystem::path& path, long pid) {
    return path.parent_path() / ("." + path.filename().string() + "." + std::to_string(pid) + ".tmp");
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
    const std::filesystem::path temporary = temporary_path(path, ::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, temporary, errno);
    for (std::size_t done = 0; done < content.size();) {
        const ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) {
            const int error = wrote < 0 ? errno : EIO;
            ::close(fd);
            fail(path, temporary, error);
        }
        done += static_cast<std::size_t>(wrote);
    }
    // Without the fsync a crash soon after the rename can leave an empty file
    // under the new name on some file systems (ext4 with delalloc, XFS).
    if (!synced(fd)) {
        const int error = errno;
        ::close(fd);
        fail(path, temporary, error);
    }
    if (::close(fd) != 0) fail(path, temporary, errno);
    if (::rename(temporary.c_str(), path.c_str()) != 0) fail(path, temporary, errno);
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    // Best effort: the file is complete under one name or the other either way.
    if (const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
        static_cast<void>(::fsync(dir_fd));
        ::close(dir_fd);
    }
}

void remove_stale_temporaries(const std::filesystem::path& dir) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        const std::optional<long> owner = temporary_owner(entry.path().filename().string());
        if (!owner || process_exists(*owner) || !entry.is_regular_file(error)) continue;
        std::filesystem::remove(entry.path(), error);
    }
}

}  // namespace mmsim
