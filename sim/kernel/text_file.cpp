#include "kernel/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "mmsim/error.hpp"

namespace mmsim::detail {
namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// Length of the UTF-8 sequence starting at text[i], or 0 when it is invalid
// (bad lead byte, truncated, overlong, surrogate or beyond U+10FFFF).
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || lead == 0xC0 || lead == 0xC1) return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char second = byte(i + 1);
    if (lead == 0xE0 && second < 0xA0) return 0;   // overlong
    if (lead == 0xED && second >= 0xA0) return 0;  // surrogate
    if (lead == 0xF0 && second < 0x90) return 0;   // overlong
    if (lead == 0xF4 && second >= 0x90) return 0;  // beyond U+10FFFF
    return length;
}

std::string hex_byte(unsigned char byte) {
    const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
}

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, std::string& problem,
                                          std::uintmax_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found) {
        problem = std::generic_category().message(ENOENT);
        return std::nullopt;
    }
    if (error) {
        problem = error.message();
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        problem = "is a directory";
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        problem = "not a regular file";
        return std::nullopt;
    }
    std::uintmax_t size = fs::file_size(path, error);
    if (!error && size > max_bytes) {
        problem = "file too large (" + std::to_string(size) + " bytes; the limit is " +
                  std::to_string(max_bytes) + ")";
        return std::nullopt;
    }
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        problem = std::generic_category().message(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[1 << 16];
    while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get())) {
        text.append(buffer, got);
        if (text.size() > max_bytes) {  // the file grew while we read it
            problem = "file too large (the limit is " + std::to_string(max_bytes) + " bytes)";
            return std::nullopt;
        }
    }
    if (std::ferror(file.get())) {
        problem = std::generic_category().message(errno);
        return std::nullopt;
    }
    return text;
}

void check_plain_text(std::string_view text, const std::string& file) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')
            throw ScenarioError(SourcePos{file, line, col},
                                "control character " + hex_byte(byte) + " (is this a text file?)");
        std::size_t length = utf8_length(text, i);
        if (length == 0)
            throw ScenarioError(SourcePos{file, line, col},
                                "invalid UTF-8 byte " + hex_byte(byte) + " (is this a text file?)");
        if (byte == '\n') {
            ++line;
            col = 1;
        } else {
            col += static_cast<int>(length);  // bytes, as yaml-cpp counts columns
        }
        i += length;
    }
}

std::optional<std::string> read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
    if (in.bad()) return std::nullopt;  // a read error part way
    return bytes;
}

}  // namespace mmsim::detail
