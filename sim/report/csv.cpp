#include "report/csv.hpp"

#include <charconv>
#include <cmath>

#include "mmsim/error.hpp"

namespace mmsim::detail {

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string csv_figure(double value) {
    char buffer[kCsvFigureMax];
    return std::string(buffer, write_csv_figure(buffer, value));
}

char* write_csv_figure(char* first, double value) {
    if (!std::isfinite(value)) return first;
    // to_chars with a precision prints as printf does ("%.10g"), several
    // times faster: the daily CSV files hold hundreds of thousands of figures.
    // Most are counts, and "%.10g" prints a whole number below 10^10 as the
    // integer it is: faster still through the integer's to_chars (-0 aside,
    // which "%.10g" prints as "-0").
    char* const last = first + kCsvFigureMax;
    const bool negative_zero = value == 0 && std::signbit(value);
    if (std::abs(value) < 1e10 && value == std::trunc(value) && !negative_zero)
        return std::to_chars(first, last, static_cast<long long>(value)).ptr;
    const auto [end, error] = std::to_chars(first, last, value, std::chars_format::general, 10);
    return error == std::errc{} ? end : first;
}

void append_csv_number(std::string& out, double value) {
    if (!std::isfinite(value)) return;
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error == std::errc{}) out.append(buffer, end);
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& file) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    int line = 1, col = 1;
    std::size_t i = 0;
    auto end_row = [&] {
        row.push_back(std::move(field));
        field.clear();
        rows.push_back(std::move(row));
        row.clear();
    };
    while (i < text.size()) {
        const int field_line = line, field_col = col;
        if (text[i] == '"') {
            ++i, ++col;
            while (true) {
                if (i >= text.size())
                    throw ScenarioError(SourcePos{file, field_line, field_col},
                                        "quoted field is never closed");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2, col += 2;
                        continue;
                    }
                    ++i, ++col;
                    break;
                }
                if (text[i] == '\n') ++line, col = 0;
                field += text[i++];
                ++col;
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                throw ScenarioError(SourcePos{file, line, col}, "text after a quoted field");
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                if (text[i] == '"')
                    throw ScenarioError(SourcePos{file, line, col},
                                        "quote inside an unquoted field");
                field += text[i++];
                ++col;
            }
        }
        if (i >= text.size()) break;
        if (text[i] == ',') {
            row.push_back(std::move(field));
            field.clear();
            ++i, ++col;
            if (i == text.size()) break;
            continue;
        }
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        end_row();
        ++line, col = 1;
        if (i < text.size()) continue;
        return rows;
    }
    if (!field.empty() || !row.empty()) end_row();
    return rows;
}

}  // namespace mmsim::detail
