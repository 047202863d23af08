#include "fuzz_workspace.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace mmsim::fuzz {
namespace {

namespace fs = std::filesystem;

fs::path make_workspace() {
    const fs::path dir = fs::temp_directory_path() / ("mmsim-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path source = MMSIM_SOURCE_DIR;
    fs::copy(source / "tests" / "bad" / "include", dir / "include", fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(source / "scenarios"))
        if (entry.path().extension() == ".yaml") fs::copy_file(entry.path(), dir / entry.path().filename());
    fs::copy_file(source / "scenarios" / "tiny.yaml", dir / "base.yaml");
    return dir;
}

}  // namespace

const fs::path& workspace() {
    // Made once per fuzzing process; removed by the fuzz script afterwards.
    static const fs::path dir = make_workspace();
    return dir;
}

std::string write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const fs::path file = workspace() / name;
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out) std::abort();
    if (size > 0 && std::fwrite(data, 1, size, out) != size) std::abort();
    std::fclose(out);
    return file.string();
}

std::vector<std::string> overrides_of(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    text = text.substr(0, text.find('\n'));
    constexpr std::string_view kDirective = "# args:";
    std::vector<std::string> overrides;
    if (text.substr(0, kDirective.size()) != kDirective) return overrides;
    text.remove_prefix(kDirective.size());
    bool next_is_value = false;
    while (!text.empty()) {
        const std::size_t start = text.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        text.remove_prefix(start);
        const std::string_view word = text.substr(0, text.find(' '));
        text.remove_prefix(word.size());
        if (next_is_value) overrides.emplace_back(word);
        next_is_value = word == "--set";
    }
    return overrides;
}

}  // namespace mmsim::fuzz
