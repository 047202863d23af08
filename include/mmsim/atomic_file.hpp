#pragma once
// Output files that are never seen half-written: each is written to a hidden
// temporary in the same folder, flushed to disk, and renamed over the old
// file, so a reader (or a run killed at any moment) finds either the complete
// previous file or the complete new one.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mmsim {

/// The temporary `path` is written through by process `pid`:
/// `.NAME.PID.tmp` in the same folder (hidden, and not matched by globs such
/// as `*.csv`). A process killed mid-write leaves it behind.
std::filesystem::path temporary_path(const std::filesystem::path& path, long pid);

/// Writes `content` to `path` through temporary_path(path, getpid()): written,
/// fsync'ed, renamed into place, then the folder fsync'ed so the rename
/// survives a power cut. Throws Error on failure (the temporary is removed).
void write_file_atomically(const std::filesystem::path& path, std::string content);

/// A file to write, and what it should hold: its parts, one after another
/// (text built in pieces, on several threads say, need not be joined first).
struct FileContent {
    std::filesystem::path path;
    std::vector<std::string> parts;
};

/// A file of one part, `text`.
FileContent file_content(std::filesystem::path path, std::string text);

/// Writes each file as write_file_atomically() does, in order, with their
/// disk writes overlapped: every temporary is written before the first is
/// fsync'ed and renamed, and each folder is fsync'ed once, after the last
/// rename. Killed part way, the files are renamed in order: the first few
/// new, the others old, each complete. Throws Error on the first failure
/// (the temporaries not yet renamed are removed). Returns the files' paths.
std::vector<std::filesystem::path> write_files_atomically(std::span<const FileContent> files);

/// A file too large to hold in memory, written in pieces to its temporary
/// (temporary_path(path, getpid())) and put in place by commit_streams().
/// Destroyed uncommitted, it removes its temporary.
class AtomicStream {
public:
    /// Creates the temporary; throws Error when it cannot.
    explicit AtomicStream(std::filesystem::path path);
    ~AtomicStream();
    AtomicStream(const AtomicStream&) = delete;
    AtomicStream& operator=(const AtomicStream&) = delete;

    /// Appends `text` (buffered: written in blocks of up to 64 KiB). Throws Error.
    void append(std::string_view text);
    const std::filesystem::path& path() const { return path_; }

    /// Writes out what is buffered, frees the buffer (the file is done) and
    /// asks the disk to start writing it.
    void start_disk_write();
    /// Flushes, fsyncs and renames the temporary over `path`. Throws Error.
    void commit();

private:
    void flush();
    void write_all(std::string_view text);
    [[noreturn]] void fail(int error);
    std::filesystem::path path_, temporary_;
    int fd_ = -1;
    std::string buffer_;
};

/// Puts `streams` in place as write_files_atomically() does its files: each
/// flushed and fsync'ed, renamed in order, then their folders fsync'ed.
/// Throws Error on the first failure. Returns the files' paths.
std::vector<std::filesystem::path> commit_streams(std::span<AtomicStream* const> streams);

/// Creates `dir` (and its parents) if needed, and removes from it the
/// temporaries of processes that no longer exist (remove_stale_temporaries):
/// what every command does to the folder it writes into. Throws Error when
/// the folder cannot be created.
void prepare_output_folder(const std::filesystem::path& dir);

/// An output folder held by one mmsim process at a time: every command that
/// writes into a folder (run, compare, merge, analyze, sweep) holds it from
/// before its first file to after its last, so two commands never mix their
/// files. The lock is flock(2) on the folder itself: no lock file, and it goes
/// with the process however that ends.
class FolderLock {
public:
    /// Creates `dir` if needed (prepare_output_folder) and locks it. Throws
    /// Error naming the folder when another process holds it (a second writer
    /// is refused at once rather than kept waiting for a run of unknown length).
    explicit FolderLock(const std::filesystem::path& dir);
    /// Unlocks; the folders this lock created that are still empty are
    /// removed, so a command that fails before writing leaves no trace.
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    std::filesystem::path dir_;
    int fd_ = -1;
    std::filesystem::path first_created_;  ///< the outermost folder it created
};

/// Throws UsageError when `output` is one of `inputs` (the same file or
/// folder, by any path or link): a command never writes over what it reads.
/// `option` names the option that chose the output (e.g. "--out").
void refuse_output_over_input(const std::filesystem::path& output,
                              std::span<const std::filesystem::path> inputs,
                              const std::string& option);

/// Removes from `dir` the temporaries left by processes that no longer exist
/// (regular files named `.NAME.PID.tmp`); those of live processes, which may
/// be writing right now, stay. Best effort: errors are ignored.
void remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace mmsim
