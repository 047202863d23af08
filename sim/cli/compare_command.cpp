// mmsim compare: saved reports, or scenarios run with common random numbers,
// side by side with the first as the base; a table on stdout, files on request.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>

#include "commands.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/compare.hpp"
#include "mmsim/error.hpp"
#include "mmsim/report.hpp"

namespace po = boost::program_options;

namespace mmsim::cli {
namespace {

constexpr const char* kUsage =
    "usage: mmsim compare A.json B.json [C.json ...] [options]\n"
    "       mmsim compare --run BASE.yaml ALT.yaml [...] [options]\n"
    "       mmsim compare --run BASE.yaml --alt NAME:PATH=VALUE[,PATH=VALUE...] [...] [options]\n"
    "       mmsim compare --run BASE.yaml --alt-set PATH=VALUE [...] [options]";

// An alternative named on the command line: --alt NAME:PATH=VALUE[,PATH=VALUE...].
struct NamedAlternative {
    std::string name;
    std::vector<std::string> overrides;
};

// Splits at the commas that start another PATH=VALUE, so that a VALUE may
// hold commas itself ("waves=[{date: 2024-07-01, officers: 200}]").
NamedAlternative parse_alternative(const std::string& text) {
    const std::string form = "--alt '" + text + "': expected NAME:PATH=VALUE[,PATH=VALUE...]";
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0) throw UsageError(form);
    NamedAlternative out{text.substr(0, colon), {}};
    for (char c : out.name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
            throw UsageError("--alt '" + text + "': a name is letters, digits, '_', '-' and '.', not '" +
                             std::string(1, c) + "'");
    static const std::regex next_assignment(R"(,(?=[A-Za-z_][A-Za-z0-9_.\[\]]*=))");
    const std::string rest = text.substr(colon + 1);
    for (std::sregex_token_iterator part(rest.begin(), rest.end(), next_assignment, -1), end; part != end; ++part) {
        const std::string assignment = *part;
        if (assignment.find('=') == std::string::npos || assignment.front() == '=') throw UsageError(form);
        out.overrides.push_back(assignment);
    }
    if (out.overrides.empty()) throw UsageError(form);
    return out;
}

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const std::string& item : items) {
        std::stringstream stream(item);
        std::string part;
        while (std::getline(stream, part, ','))
            if (!part.empty()) out.push_back(part);
    }
    return out;
}

struct Files {
    bool csv = false, json = false, html = false;
};

Files parse_files(const std::string& text) {
    Files files;
    for (const std::string& item : split_commas({text})) {
        if (item == "text") continue;
        if (item == "csv")
            files.csv = true;
        else if (item == "json")
            files.json = true;
        else if (item == "html")
            files.html = true;
        else if (item == "all")
            files = {true, true, true};
        else
            throw UsageError("unknown format '" + item +
                             "' in --format (available: text, csv, json, html, all)");
    }
    return files;
}

}  // namespace

int compare_command(const Args& args) {
    po::options_description options("mmsim compare options");
    std::vector<std::string> inputs, overrides, alt_overrides, named, metrics, windows;
    bool run = false, quiet = false;
    int threads = 0;
    std::string formats = "text", out = "runs/compare";
    options.add_options()
        ("run", po::bool_switch(&run), "the inputs are scenarios: run them with common random numbers and "
                                       "compare replication by replication (paired)")
        ("set", po::value<std::vector<std::string>>(&overrides)->composing(),
         "with --run: override a value in every scenario, PATH=VALUE (repeatable)")
        ("alt-set", po::value<std::vector<std::string>>(&alt_overrides)->composing(),
         "with --run: override a value in every scenario but the base; with a single scenario, "
         "compares it with itself so changed")
        ("alt", po::value<std::vector<std::string>>(&named)->composing(),
         "with --run: an alternative named NAME, the base with PATH=VALUE changes (repeatable): "
         "NAME:PATH=VALUE[,PATH=VALUE...]")
        ("window", po::value<std::vector<std::string>>(&windows)->composing(),
         "with --run: also compare the figures of days FROM to TO in every run: [NAME=]FROM..TO (repeatable)")
        ("seed", po::value<std::string>(), "with --run: the seed for all (default: the base's)")
        ("replications", po::value<std::string>(), "with --run: replications for all (default: the base's)")
        ("threads", po::value<std::string>(), "with --run: worker threads (0 = all cores, the default)")
        ("metrics", po::value<std::vector<std::string>>(&metrics)->composing(),
         "metrics to compare: names or patterns with *, comma-separated (default: all that every input has)")
        ("format", po::value<std::string>(&formats),
         "files to write besides the table on stdout: csv, json, html, a comma list, or all")
        ("out", po::value<std::string>(&out), "folder for compare.csv, .json, .html (default runs/compare)")
        ("quiet,q", po::bool_switch(&quiet), "no table on stdout");
    add_work_limit_options(options, "with --run: ");
    po::variables_map values;
    if (!parse_command(args, options, values, {"inputs", "A.json B.json", -1, false}, kUsage)) return 0;
    if (values.count("inputs")) inputs = values["inputs"].as<std::vector<std::string>>();
    const Files files = parse_files(formats);
    const std::vector<std::string> selection = split_commas(metrics);
    threads = static_cast<int>(integer_option(values, "threads", 0, kMaxThreads).value_or(0));
    const std::optional<std::uint64_t> seed = integer_option(values, "seed", 0, UINT64_MAX);
    const WorkLimits limits = work_limits(values);

    // The files compare writes must not be ones it reads, and the folder is
    // held from before the runs to after the last file.
    std::optional<FolderLock> lock;
    if (files.csv || files.json || files.html) {
        const std::vector<std::filesystem::path> read(inputs.begin(), inputs.end());
        for (const char* name : {"compare.csv", "compare.json", "compare.html"})
            refuse_output_over_input(std::filesystem::path(out) / name, read, "--out");
        lock.emplace(out);
    }

    Comparison comparison;
    if (run) {
        if (inputs.empty() || (inputs.size() < 2 && alt_overrides.empty() && named.empty()))
            throw UsageError("compare --run needs two scenarios, or one with --alt or --alt-set\n" +
                             std::string(kUsage));
        std::vector<NamedAlternative> alternatives;
        for (const std::string& text : named) alternatives.push_back(parse_alternative(text));
        std::vector<Scenario> scenarios;
        std::vector<std::string> alt = overrides;
        alt.insert(alt.end(), alt_overrides.begin(), alt_overrides.end());
        scenarios.push_back(load_scenario(inputs.front(), overrides));
        if (inputs.size() == 1 && alternatives.empty()) inputs.push_back(inputs.front());
        std::string changed;
        for (const std::string& o : alt_overrides) changed += " --alt-set " + o;
        std::vector<std::string> labels = {default_run_label(0)};
        for (std::size_t i = 1; i < inputs.size(); ++i) {
            scenarios.push_back(load_scenario(inputs[i], alt));
            scenarios.back().file += changed;
            labels.push_back(default_run_label(i));
        }
        for (const NamedAlternative& a : alternatives) {
            if (std::find(labels.begin(), labels.end(), a.name) != labels.end())
                throw UsageError("--alt '" + a.name + "': this name is given twice (names label the runs)");
            std::vector<std::string> changes = overrides;
            changes.insert(changes.end(), a.overrides.begin(), a.overrides.end());
            scenarios.push_back(load_scenario(inputs.front(), changes));
            labels.push_back(a.name);
        }
        for (Scenario& scenario : scenarios) add_window_arguments(scenario, windows);
        if (seed) scenarios.front().seed = *seed;
        if (values.count("replications")) {
            // A paired interval needs two.
            scenarios.front().replications = static_cast<int>(parse_integer_option(
                "replications", values["replications"].as<std::string>(), 2, kMaxReplications));
        }
        // Every scenario runs the base's replications (compare_runs).
        for (Scenario& scenario : scenarios) {
            scenario.replications = scenarios.front().replications;
            check_work(scenario, limits, threads);
        }
        comparison = compare_runs(scenarios, selection, threads, labels);
    } else {
        if (!overrides.empty() || !alt_overrides.empty() || !named.empty() || !windows.empty() ||
            values.count("seed") || values.count("replications"))
            throw UsageError("--set, --alt, --alt-set, --window, --seed and --replications need --run (saved "
                             "reports are not rerun)");
        if (inputs.size() < 2) throw UsageError("compare needs at least two reports\n" + std::string(kUsage));
        std::vector<SavedReport> reports;
        for (const std::string& input : inputs) reports.push_back(read_report_json(input));
        comparison = compare_reports(reports, selection);
    }

    std::vector<std::filesystem::path> written;
    if (files.csv || files.json || files.html) {
        const std::filesystem::path dir = out;
        std::vector<FileContent> contents;
        if (files.csv) contents.push_back(file_content(dir / "compare.csv", to_csv(comparison)));
        if (files.json) contents.push_back(file_content(dir / "compare.json", to_json(comparison)));
        if (files.html) contents.push_back(file_content(dir / "compare.html", to_html(comparison)));
        written = write_files_atomically(contents);
    }
    if (!quiet) {
        std::cout << to_text(comparison);
        if (!written.empty()) {
            std::cout << "\nFiles:";
            for (const auto& path : written) std::cout << " " << path.string();
            std::cout << "\n";
        }
    }
    return 0;
}

}  // namespace mmsim::cli
