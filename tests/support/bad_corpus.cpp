#include "bad_corpus.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mmsim::test {
namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Reads the directive comments at the top of a case; stops at the first line
// that is not one (binary cases have none).
void read_directives(const std::filesystem::path& file, BadCase& out) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# args:", 0) == 0)
            out.args = split_arguments(line.substr(7));
        else if (line.rfind("# commands:", 0) == 0)
            out.commands = split_arguments(line.substr(11));
        else
            break;
    }
}

}  // namespace

std::vector<std::string> split_arguments(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false, quoted = false;
    for (char c : text) {
        if (c == '\'') {
            quoted = !quoted;
            in_word = true;
        } else if ((c == ' ' || c == '\t' || c == '\r') && !quoted) {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

std::vector<BadCase> bad_corpus() {
    const std::filesystem::path root = MMSIM_SOURCE_DIR;
    std::vector<BadCase> cases;
    for (const auto& entry : std::filesystem::directory_iterator(root / "tests" / "bad")) {
        if (entry.path().extension() != ".yaml" || !entry.is_regular_file()) continue;
        BadCase c;
        c.name = entry.path().stem().string();
        c.file = entry.path();
        c.relative = "tests/bad/" + entry.path().filename().string();
        c.commands = {"validate", "run"};
        read_directives(c.file, c);
        std::filesystem::path expected = c.file;
        expected.replace_extension(".expected");
        c.has_expected = std::filesystem::exists(expected);
        c.expected = read_all(expected);
        while (!c.expected.empty() && c.expected.back() == '\n')
            c.expected.pop_back();
        cases.push_back(std::move(c));
    }
    std::sort(cases.begin(), cases.end(),
              [](const BadCase& a, const BadCase& b) { return a.name < b.name; });
    return cases;
}

std::vector<std::string> overrides_in(const std::vector<std::string>& args) {
    std::vector<std::string> overrides;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--set" && i + 1 < args.size())
            overrides.push_back(args[++i]);
        else if (args[i].rfind("--set=", 0) == 0)
            overrides.push_back(args[i].substr(6));
    }
    return overrides;
}

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

}  // namespace mmsim::test
