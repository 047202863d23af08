// mmsim merge: combine the folders of sweep shards into one set of files.

#include <iostream>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"
#include "mmsim/sweep.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {

int merge_command(const Args& args) {
    po::options_description options("mmsim merge options");
    std::string out;
    bool quiet = false, partial = false;
    options.add_options()
        ("out", po::value<std::string>(&out),
         "folder for the merged files (default: the folder holding the shard folders)")
        ("partial", po::bool_switch(&partial),
         "merge some of the shards (each finished) into a folder a later merge takes: a merge "
         "of merges, for thousands of shards")
        ("quiet,q", po::bool_switch(&quiet), "name no files");
    po::variables_map values;
    if (!parse_command(args, options, values, {"dirs", "DIR", -1, true},
                       "usage: mmsim merge DIR... [options]"))
        return 0;
    std::vector<std::filesystem::path> dirs;
    for (const std::string& dir : values["dirs"].as<std::vector<std::string>>())
        dirs.emplace_back(dir);
    if (out.empty()) {
        // (dir / "") ends in a separator, so "a/b" and "a/b/" both give "a".
        auto parent_of = [](const std::filesystem::path& dir) {
            return (dir / "").lexically_normal().parent_path().parent_path();
        };
        const auto parent = parent_of(dirs.front());
        for (const auto& dir : dirs)
            if (parent_of(dir) != parent)
                throw UsageError(
                    "the shard folders are not in one folder: name the output with --out");
        out = parent.empty() ? "." : parent.string();
    }
    refuse_output_over_input(out, dirs, "--out");
    const FolderLock lock(out);
    const auto written = merge_sweeps(dirs, out, partial);
    if (!quiet) {
        std::cout << "Merged " << dirs.size() << " folders. Files:";
        for (const auto& file : written) std::cout << " " << file.string();
        std::cout << "\n";
    }
    return 0;
}

}  // namespace mmsim::cli
