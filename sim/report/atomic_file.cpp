#include "mmsim/atomic_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

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

// fsync, except where the file system cannot (EINVAL: a pipe, some network
// file systems): durability is then what that file system gives.
bool synced(int fd) {
    return ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
}

// `dir` absolute, without "." or ".." steps or a trailing separator
// ("a/b/" gives ".../a/b", whose parent is ".../a").
std::filesystem::path plain_folder_path(const std::filesystem::path& dir, std::error_code& error) {
    std::filesystem::path path = std::filesystem::absolute(dir, error).lexically_normal();
    return path.has_filename() || !path.has_relative_path() ? path : path.parent_path();
}

}  // namespace

std::filesystem::path temporary_path(const std::filesystem::path& path, long pid) {
    return path.parent_path() / ("." + path.filename().string() + "." + std::to_string(pid) + ".tmp");
}

void write_file_atomically(const std::filesystem::path& path, std::string content) {
    const FileContent file = file_content(path, std::move(content));
    write_files_atomically(std::span(&file, 1));
}

FileContent file_content(std::filesystem::path path, std::string text) {
    FileContent file{std::move(path), {}};
    file.parts.push_back(std::move(text));  // moved: a braced list would copy it
    return file;
}

AtomicStream::AtomicStream(std::filesystem::path path)
    : path_(std::move(path)), temporary_(temporary_path(path_, ::getpid())) {
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(errno);
}

AtomicStream::~AtomicStream() {
    if (fd_ < 0) return;
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
}

void AtomicStream::fail(int error) {
    const int code = error;
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
    throw Error("cannot write " + path_.string() + ": " + std::strerror(code));
}

void AtomicStream::append(std::string_view text) {
    // Small appends gather in a buffer of at most 64 KiB, reused; a larger
    // text goes straight to the file. A buffer that grew to a megabyte cost
    // its copies and page faults on every report (a tenth of a long run).
    constexpr std::size_t kBlock = 64 << 10;
    if (buffer_.size() + text.size() < kBlock) {
        buffer_.append(text);
        return;
    }
    flush();
    write_all(text);
}

void AtomicStream::flush() {
    write_all(buffer_);
    buffer_.clear();
}

void AtomicStream::write_all(std::string_view text) {
    if (fd_ < 0) throw Error("cannot write " + path_.string() + ": already closed");
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t wrote = ::write(fd_, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) fail(wrote < 0 ? errno : EIO);
        done += static_cast<std::size_t>(wrote);
    }
}

void AtomicStream::start_disk_write() {
    flush();
    std::string().swap(buffer_);  // the next file's buffer reuses its memory
    // A hint only: a pipe or some file systems refuse it, and the fsync at
    // the commit does the work then.
    static_cast<void>(::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE));
}

void AtomicStream::commit() {
    flush();
    // Without the fsync a crash soon after the rename can leave an empty
    // file under the new name on some file systems (ext4 with delalloc, XFS).
    if (!synced(fd_)) fail(errno);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 || ::rename(temporary_.c_str(), path_.c_str()) != 0) {
        const int error = errno;
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
        throw Error("cannot write " + path_.string() + ": " + std::strerror(error));
    }
}

std::vector<std::filesystem::path> write_files_atomically(std::span<const FileContent> files) {
    // Every temporary is written before the first is synced, so that the
    // disk writes overlap; those not renamed are removed by their destructors.
    std::vector<std::unique_ptr<AtomicStream>> streams;
    for (const FileContent& file : files) {
        streams.push_back(std::make_unique<AtomicStream>(file.path));
        for (const std::string& part : file.parts) streams.back()->append(part);
        streams.back()->start_disk_write();
    }
    std::vector<AtomicStream*> pointers;
    for (const auto& stream : streams) pointers.push_back(stream.get());
    return commit_streams(pointers);
}

std::vector<std::filesystem::path> commit_streams(std::span<AtomicStream* const> streams) {
    for (AtomicStream* stream : streams) stream->commit();
    // Best effort: each file is complete under one name or the other either
    // way. Files in one folder share its sync.
    std::vector<std::filesystem::path> written, folders;
    for (const AtomicStream* stream : streams) {
        written.push_back(stream->path());
        const std::filesystem::path folder =
            stream->path().has_parent_path() ? stream->path().parent_path() : ".";
        if (std::find(folders.begin(), folders.end(), folder) != folders.end()) continue;
        folders.push_back(folder);
        if (const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            dir_fd >= 0) {
            static_cast<void>(::fsync(dir_fd));
            ::close(dir_fd);
        }
    }
    return written;
}

void prepare_output_folder(const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw Error("cannot create output folder " + dir.string() + ": " + error.message());
    remove_stale_temporaries(dir);  // left by an earlier run killed mid-write
}

FolderLock::FolderLock(const std::filesystem::path& dir) : dir_(dir) {
    std::error_code error;
    for (std::filesystem::path up = plain_folder_path(dir, error);
         !error && up.has_relative_path() && !std::filesystem::exists(up, error);
         up = up.parent_path())
        first_created_ = up;
    prepare_output_folder(dir);
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw Error("cannot open output folder " + dir.string() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int lock_error = errno;
        ::close(fd_);
        fd_ = -1;
        if (lock_error == EWOULDBLOCK)
            throw Error(dir.string() +
                        ": another mmsim command is writing this folder (wait for it, or "
                        "choose another --out)");
        throw Error("cannot lock output folder " + dir.string() + ": " + std::strerror(lock_error));
    }
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) ::close(fd_);  // also releases the lock
    if (first_created_.empty()) return;
    // rmdir removes only an empty folder: one that holds files stays, and so
    // do its parents.
    std::error_code error;
    for (std::filesystem::path up = plain_folder_path(dir_, error);
         !error && up.has_relative_path(); up = up.parent_path()) {
        if (::rmdir(up.c_str()) != 0 || up == first_created_) break;
    }
}

void refuse_output_over_input(const std::filesystem::path& output,
                              std::span<const std::filesystem::path> inputs,
                              const std::string& option) {
    // equivalent() sees through hard links; canonical paths through symbolic
    // links, "a/../b" and "a/", also for an output not yet made.
    auto canonical = [](const std::filesystem::path& path, std::error_code& error) {
        return std::filesystem::weakly_canonical(plain_folder_path(path, error), error);
    };
    std::error_code error;
    const std::filesystem::path target = canonical(output, error);
    for (const std::filesystem::path& input : inputs) {
        std::error_code ignored;
        const bool same = std::filesystem::equivalent(output, input, ignored) ||
                          (!error && target == canonical(input, ignored) && !ignored);
        if (same)
            throw UsageError(option + " " + output.string() + ": this is an input (" +
                             input.string() + "); a command never writes over what it reads");
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
