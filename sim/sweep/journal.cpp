#include "sweep/journal.hpp"

#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mmsim::detail {
namespace {

constexpr std::string_view kMagic = "mmsim-sweep-journal 1";

std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t space = std::min(text.find(' ', start), text.size());
        tokens.push_back(text.substr(start, space - start));
        start = space + 1;
    }
    return tokens;
}

template <typename T>
std::optional<T> parse_integer(std::string_view text, int base = 10) {
    T value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// "key=value" -> value, when the key matches.
std::optional<std::string_view> field(std::string_view token, std::string_view key) {
    if (token.size() <= key.size() || token.substr(0, key.size()) != key ||
        token[key.size()] != '=')
        return std::nullopt;
    return token.substr(key.size() + 1);
}

// The text before " #C" when C is its checksum.
std::optional<std::string_view> checked_payload(std::string_view line) {
    const std::size_t mark = line.rfind(" #");
    if (mark == std::string_view::npos || line.size() - mark != 18) return std::nullopt;
    const auto sum = parse_integer<std::uint64_t>(line.substr(mark + 2), 16);
    if (!sum || *sum != fnv1a(line.substr(0, mark))) return std::nullopt;
    return line.substr(0, mark);
}

// Appends the 16 hex digits of `value`, zero-padded, to `text`.
void append_hex64(std::string& text, std::uint64_t value) {
    char digits[16];
    for (int i = 15; i >= 0; --i, value >>= 4) digits[i] = "0123456789abcdef"[value & 0xf];
    text.append(digits, sizeof digits);
}

std::string with_checksum(std::string payload) {
    const std::uint64_t sum = fnv1a(payload);
    payload += " #";
    append_hex64(payload, sum);
    payload += '\n';
    return payload;
}

std::optional<JournalHeader> parse_header(std::string_view payload) {
    if (payload.substr(0, kMagic.size()) != kMagic) return std::nullopt;
    const auto tokens = split(payload.substr(std::min(payload.size(), kMagic.size() + 1)));
    if (tokens.size() != 7) return std::nullopt;
    JournalHeader header;
    auto sweep = field(tokens[0], "sweep"), scenario = field(tokens[1], "scenario"),
         design = field(tokens[2], "design"), version = field(tokens[3], "version"),
         points = field(tokens[4], "points"), replications = field(tokens[5], "replications"),
         shard = field(tokens[6], "shard");
    if (!sweep || !scenario || !design || !version || !points || !replications || !shard)
        return std::nullopt;
    auto sweep_hash = parse_integer<std::uint64_t>(*sweep, 16);
    auto scenario_hash = parse_integer<std::uint64_t>(*scenario, 16);
    auto design_hash = parse_integer<std::uint64_t>(*design, 16);
    auto point_count = parse_integer<std::uint64_t>(*points);
    auto replication_count = parse_integer<int>(*replications);
    if (*shard == "merged") {
        if (!sweep_hash || !scenario_hash || !design_hash || !point_count || !replication_count ||
            *replication_count < 1)
            return std::nullopt;
        return JournalHeader{*sweep_hash,           *scenario_hash, *design_hash,
                             std::string(*version), *point_count,   *replication_count,
                             Shard{},               true};
    }
    const std::size_t slash = shard->find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto index = parse_integer<int>(shard->substr(0, slash));
    auto count = parse_integer<int>(shard->substr(slash + 1));
    if (!sweep_hash || !scenario_hash || !design_hash || !point_count || !replication_count ||
        *replication_count < 1 || !index || !count || *count < 1 || *index < 0 || *index >= *count)
        return std::nullopt;
    return JournalHeader{*sweep_hash,           *scenario_hash, *design_hash,
                         std::string(*version), *point_count,   *replication_count,
                         Shard{*index, *count},  false};
}

std::optional<TaskRecord> parse_record(std::string_view payload, const JournalHeader& header,
                                       const MetricNames& names) {
    const auto tokens = split(payload);
    if (tokens.size() < 4) return std::nullopt;
    auto task = parse_integer<std::uint64_t>(tokens[0]);
    auto point = parse_integer<std::uint64_t>(tokens[1]);
    auto replication = parse_integer<std::uint64_t>(tokens[2]);
    auto list = parse_integer<std::uint32_t>(tokens[3]);
    const auto r = static_cast<std::uint64_t>(header.replications);
    if (!task || !point || !replication || *task >= header.tasks() || *point != *task / r ||
        *replication != *task % r || !list || *list >= names.size() ||
        tokens.size() - 4 != names.at(*list).size())
        return std::nullopt;
    TaskRecord record{*task, *list, {}};
    record.values.reserve(tokens.size() - 4);
    for (std::size_t i = 4; i < tokens.size(); ++i) {
        auto bits = parse_integer<std::uint64_t>(tokens[i], 16);
        if (!bits || tokens[i].size() != 16) return std::nullopt;
        record.values.push_back(std::bit_cast<double>(*bits));
    }
    return record;
}

// "M LIST NAME..." when LIST is the next list's number.
bool parse_names(std::string_view payload, MetricNames& names) {
    const auto tokens = split(payload);
    if (tokens.size() < 2 || tokens[0] != "M") return false;
    auto list = parse_integer<std::uint32_t>(tokens[1]);
    if (!list || *list != names.size()) return false;
    std::vector<std::string> list_names;
    for (std::size_t i = 2; i < tokens.size(); ++i) {
        if (tokens[i].empty()) return false;
        list_names.emplace_back(tokens[i]);
    }
    bool added = false;
    names.index(list_names, added);
    return added;
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
    throw Error(path.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

bool JournalHeader::same_sweep(const JournalHeader& other) const {
    return sweep_hash == other.sweep_hash && scenario_hash == other.scenario_hash &&
           design_hash == other.design_hash && version == other.version && points == other.points &&
           replications == other.replications;
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex64(std::uint64_t value) {
    std::string text;
    append_hex64(text, value);
    return text;
}

std::string header_line(const JournalHeader& h) {
    return with_checksum(std::string(kMagic) + " sweep=" + hex64(h.sweep_hash) +
                         " scenario=" + hex64(h.scenario_hash) + " design=" + hex64(h.design_hash) +
                         " version=" + h.version + " points=" + std::to_string(h.points) +
                         " replications=" + std::to_string(h.replications) +
                         " shard=" + (h.merged ? std::string("merged") : h.shard.text()));
}

std::uint32_t MetricNames::index(const std::vector<std::string>& names, bool& added) {
    const auto [it, inserted] = numbers_.emplace(names, static_cast<std::uint32_t>(lists_.size()));
    added = inserted;
    if (inserted) lists_.push_back(names);
    return it->second;
}

std::string names_line(std::uint32_t index, const std::vector<std::string>& names) {
    std::string payload = "M " + std::to_string(index);
    for (const std::string& name : names) payload += " " + name;
    return with_checksum(std::move(payload));
}

std::string record_line(const TaskRecord& record, int replications) {
    const auto r = static_cast<std::uint64_t>(replications);
    std::string payload = std::to_string(record.task) + " " + std::to_string(record.task / r) +
                          " " + std::to_string(record.task % r) + " " +
                          std::to_string(record.names);
    payload.reserve(payload.size() + 17 * record.values.size() + 19);  // and the checksum
    for (double value : record.values) {
        payload += ' ';
        append_hex64(payload, std::bit_cast<std::uint64_t>(value));
    }
    return with_checksum(std::move(payload));
}

Journal read_journal(const std::filesystem::path& path) {
    std::vector<TaskRecord> records;
    Journal journal = scan_journal(
        path, [&](const Journal&, TaskRecord&& record) { records.push_back(std::move(record)); });
    journal.records = std::move(records);
    return journal;
}

Journal scan_journal(const std::filesystem::path& path,
                     const std::function<void(const Journal&, TaskRecord&&)>& on_record) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot read " + path.string());

    // A line whose checksum fails is damaged: acceptable only at the end (a
    // write cut short by a crash). A line whose checksum holds was written
    // whole, so one that does not make sense means the file is corrupt.
    Journal journal;
    std::vector<bool> seen;  // a bit per task: 1.25 MB for 10^7 tasks
    bool have_header = false, any_newline = false;
    std::optional<std::uint64_t> damaged_at;  // offset of the first damaged line
    int damaged_line = 0;
    std::uint64_t offset = 0;  // of `text`'s first byte in the file
    std::string text;          // the unread part of the last chunk read, and the next
    std::size_t start = 0;
    std::vector<char> chunk(1 << 20);
    int line_number = 1;
    bool eof = false;
    while (true) {
        std::size_t newline = text.find('\n', start);
        if (newline == std::string::npos && !eof) {
            text.erase(0, start);
            offset += start;
            start = 0;
            in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            if (in.gcount() == 0) eof = true;
            text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
            continue;
        }
        if (start >= text.size()) break;
        any_newline = any_newline || newline != std::string::npos;
        const std::string_view line = std::string_view(text).substr(
            start, newline == std::string::npos ? std::string::npos : newline - start);
        const std::size_t next = newline == std::string::npos ? text.size() : newline + 1;
        const std::optional<std::string_view> payload =
            newline == std::string::npos ? std::nullopt : checked_payload(line);
        auto where = [&] { return path.string() + ":" + std::to_string(line_number) + ": "; };
        if (!payload) {
            if (!damaged_at) {
                damaged_at = offset + start;
                damaged_line = line_number;
            }
        } else if (damaged_at) {
            throw Error(path.string() + ":" + std::to_string(damaged_line) +
                        ": damaged record followed by intact ones; the journal is corrupt");
        } else if (line_number == 1) {
            const auto header = parse_header(*payload);
            if (!header) throw Error(where() + "not a sweep journal");
            journal.header = *header;
            have_header = true;
            seen.assign(header->tasks(), false);
        } else if (payload->substr(0, 2) == "M ") {
            if (!parse_names(*payload, journal.names))
                throw Error(where() + "unreadable list of metric names; the journal is corrupt");
        } else {
            auto record = parse_record(*payload, journal.header, journal.names);
            if (!record) throw Error(where() + "unreadable record; the journal is corrupt");
            const bool twice = seen[record->task];
            if (twice || (!journal.header.merged && !journal.header.shard.owns(record->task)))
                throw Error(where() + "task " + std::to_string(record->task) +
                            (twice ? " is recorded twice" : " is not in this shard") +
                            "; the journal is corrupt");
            seen[record->task] = true;
            ++journal.record_count;
            on_record(journal, std::move(*record));
        }
        start = next;
        ++line_number;
    }
    // A header cut short is a sweep killed as it started; any other first line
    // means the file is not ours, and must not be truncated.
    if (!have_header && any_newline) throw Error(path.string() + ":1: not a sweep journal");
    const std::uint64_t size = offset + text.size();
    journal.valid_bytes = damaged_at.value_or(size);
    journal.torn_bytes = size - journal.valid_bytes;
    return journal;
}

JournalFile::JournalFile(const std::filesystem::path& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(path, "cannot open");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        throw Error(path.string() + ": another mmsim sweep is writing this folder");
    }
}

JournalFile::~JournalFile() {
    if (fd_ >= 0) ::close(fd_);  // also releases the lock
}

std::uint64_t JournalFile::size() const {
    struct stat status {};
    if (::fstat(fd_, &status) != 0) fail(path_, "cannot stat");
    return static_cast<std::uint64_t>(status.st_size);
}

void JournalFile::truncate(std::uint64_t bytes) {
    if (::ftruncate(fd_, static_cast<off_t>(bytes)) != 0 || ::fdatasync(fd_) != 0)
        fail(path_, "cannot truncate");
}

void JournalFile::append(const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(path_, "cannot append");
        written += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd_) != 0) fail(path_, "cannot sync");
}

void sync_folder(const std::filesystem::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail(dir, "cannot open");
    const int result = ::fsync(fd);
    ::close(fd);
    if (result != 0) fail(dir, "cannot sync");
}

}  // namespace mmsim::detail
