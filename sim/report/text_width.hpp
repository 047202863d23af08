#pragma once
// Internal: the width of text in a terminal's columns, for the tables that
// mmsim prints (the run summary, compare's table).

#include <cstddef>
#include <string_view>

namespace mmsim::detail {

/// Columns `text` takes in a terminal: its UTF-8 code points, so that "±" and
/// accented names line up (every character taken as one column wide).
inline std::size_t display_width(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace mmsim::detail
