// report.html without a browser: the page is self-contained (no reference
// outside itself), has every section, its SVG is well formed, and sections
// follow the data the report has (funding, gang control). The browser check
// (Chromium renders it to a non-blank PNG) is scripts/ci/html.sh.

#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "report/html_map.hpp"
#include "mmsim/html_report.hpp"
#include "mmsim/report.hpp"
#include "mmsim/runner.hpp"

namespace {

using namespace mmsim;

using mmsim::test::count;

// The tags of `svg` in order: (name, closing, self-closing).
struct Tag {
    std::string name;
    bool closing = false, self_closing = false;
};
std::vector<Tag> tags(const std::string& svg) {
    std::vector<Tag> found;
    for (std::size_t at = svg.find('<'); at != std::string::npos; at = svg.find('<', at + 1)) {
        const std::size_t end = svg.find('>', at);
        if (end == std::string::npos) break;
        Tag tag;
        std::size_t i = at + 1;
        if (i < end && svg[i] == '/') {
            tag.closing = true;
            ++i;
        }
        while (i < end && std::isalpha(static_cast<unsigned char>(svg[i]))) tag.name += svg[i++];
        if (tag.name.empty()) continue;  // not a tag (e.g. "<" in text)
        tag.self_closing = svg[end - 1] == '/';
        found.push_back(tag);
    }
    return found;
}

// True when an attribute value (="...") holds "nan" or "inf".
bool has_non_finite_attribute(const std::string& svg) {
    for (std::size_t at = svg.find("=\""); at != std::string::npos; at = svg.find("=\"", at + 2)) {
        const std::size_t end = svg.find('"', at + 2);
        if (end == std::string::npos) return false;
        const std::string value = svg.substr(at + 2, end - at - 2);
        if (value.find("nan") != std::string::npos || value.find("inf") != std::string::npos) return true;
        at = end - 1;
    }
    return false;
}

// Checks that the tags inside every <svg> element nest properly; returns the
// first problem found, or "".
std::string svg_problem(const std::string& html) {
    std::size_t at = 0;
    while ((at = html.find("<svg", at)) != std::string::npos) {
        const std::size_t end = html.find("</svg>", at);
        if (end == std::string::npos) return "an <svg> is not closed";
        const std::string svg = html.substr(at, end + 6 - at);
        if (svg.find("viewBox=") == std::string::npos) return "an <svg> has no viewBox";
        if (svg.find("<title>") == std::string::npos) return "an <svg> has no title";
        if (has_non_finite_attribute(svg)) return "an <svg> has a non-finite coordinate";
        std::vector<std::string> open;
        for (const Tag& tag : tags(svg)) {
            if (tag.self_closing) continue;
            if (tag.closing) {
                if (open.empty() || open.back() != tag.name)
                    return "</" + tag.name + "> does not close <" + (open.empty() ? "" : open.back()) + ">";
                open.pop_back();
            } else {
                open.push_back(tag.name);
            }
        }
        if (!open.empty()) return "<" + open.back() + "> is not closed";
        at = end;
    }
    return "";
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Every reference the page makes: it must stay inside the page.
std::vector<std::string> external_references(const std::string& html) {
    std::vector<std::string> found;
    const std::string page = lower(html);
    for (const char* what : {"http://", "https://", "url(", "@import", "<script", "<link", "<iframe", "<img"})
        for (std::size_t at = page.find(what); at != std::string::npos; at = page.find(what, at + 1))
            found.push_back(html.substr(at, std::string(what).size()));
    for (std::size_t at = page.find("src"); at != std::string::npos; at = page.find("src", at + 1)) {
        std::size_t i = at + 3;  // src, then spaces, then '='
        while (i < page.size() && std::isspace(static_cast<unsigned char>(page[i]))) ++i;
        if (i < page.size() && page[i] == '=') found.push_back(html.substr(at, i + 1 - at));
    }
    for (std::size_t at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1)) {
        const std::size_t end = html.find('"', at + 6);
        const std::string target = html.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
        if (target.empty() || target[0] != '#' ||
            html.find("id=\"" + target.substr(1) + "\"") == std::string::npos)
            found.push_back("href=\"" + target + "\"");
    }
    return found;
}

Report tiny_report(Scenario& scenario) {
    scenario = load_scenario(MMSIM_SOURCE_DIR "/scenarios/tiny.yaml");
    scenario.replications = 3;
    const std::vector<ReplicationResult> results = run_replications(scenario, 1);
    return make_report(scenario, results);
}

// The part of `html` from `from` up to `to`.
std::string between(const std::string& html, const std::string& from, const std::string& to) {
    const std::size_t at = html.find(from);
    if (at == std::string::npos) return "";
    const std::size_t end = html.find(to, at);
    return html.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// A day of a hand-made series: mean with a +-1 interval.
SeriesSummary series(const std::string& table, const std::string& entity, const std::string& metric,
                     std::vector<double> means) {
    std::vector<Summary> days;
    for (double m : means) days.push_back(Summary{3, m, 1, m - 1, m + 1});
    return {table, entity, metric, DaySummaries(std::move(days))};
}

}  // namespace

TEST_SUITE("html report") {
    TEST_CASE("the page checks catch what they look for") {
        const std::string good = "<svg viewBox=\"0 0 1 1\"><title>t</title><g><line x1=\"1\"/></g></svg>";
        CHECK(svg_problem(good) == "");
        CHECK(svg_problem("<svg viewBox=\"0 0 1 1\"><title>t</title><g></svg>") ==
              "</svg> does not close <g>");
        CHECK(svg_problem("<svg viewBox=\"0 0 1 1\"><title>t</title><line x1=\"nan\"/></svg>") ==
              "an <svg> has a non-finite coordinate");
        CHECK(svg_problem("<svg><title>t</title></svg>") == "an <svg> has no viewBox");
        CHECK(svg_problem("<svg viewBox=\"0 0 1 1\">") == "an <svg> is not closed");

        CHECK(external_references("<a href=\"#top\">up</a><h1 id=\"top\">") == std::vector<std::string>{});
        CHECK(external_references("<a href=\"#gone\">") == std::vector<std::string>{"href=\"#gone\""});
        CHECK(external_references("<a href=\"https://example.org\">") ==
              std::vector<std::string>{"https://", "href=\"https://example.org\""});
        CHECK(external_references("<IMG SRC = 'x.png'>") == std::vector<std::string>{"<IMG", "SRC ="});
        CHECK(external_references("<style>@import x; a { background: URL(x) }</style>") ==
              std::vector<std::string>{"URL(", "@import"});
    }

    TEST_CASE("the page is self-contained, well formed and has every section") {
        Scenario scenario;
        const Report report = tiny_report(scenario);
        const std::string html = to_html(report, scenario);
        CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
        CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
        CHECK(html.size() > 20000);
        CHECK(html.substr(html.size() - 8) == "</html>\n");
        for (const char* id :
             {"summary", "personnel", "coverage", "response", "funding", "zones", "parameters", "provenance"}) {
            INFO("section " << id);
            CHECK(html.find("<section id=\"" + std::string(id) + "\">") != std::string::npos);
        }
        CHECK(external_references(html) == std::vector<std::string>{});
        CHECK(svg_problem(html) == "");
        CHECK(count(html, "<svg") >= 6);  // officers, coverage, teams, CDF, histogram, daily response
        CHECK(count(html, "<section") == count(html, "</section>"));
        CHECK(count(html, "<table") == count(html, "</table>"));
        // Units and dates on the axes, target marked, provenance.
        CHECK(html.find(">officers in theatre</text>") != std::string::npos);
        CHECK(html.find(">response time, incident to first team on scene (min)</text>") != std::string::npos);
        CHECK(html.find(">target 30 min</text>") != std::string::npos);
        CHECK(html.find(">8 Jan</text>") != std::string::npos);
        CHECK(html.find("No funding model in this scenario.") != std::string::npos);
        char hash[20];
        std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(scenario.hash));
        CHECK(html.find("scenario hash <code>" + std::string(hash) + "</code>") != std::string::npos);
        CHECK(html.find("mmsim " MMSIM_VERSION) != std::string::npos);
        CHECK(html.find("<th class=\"num\">gang control") != std::string::npos);
        // Same report, same bytes.
        CHECK(to_html(report, scenario) == html);
    }

    TEST_CASE("the funding chart and zone control follow the data the report has") {
        Scenario scenario = load_scenario(MMSIM_SOURCE_DIR "/scenarios/tiny.yaml");
        Report report;
        report.scenario_name = "synthetic <test>";
        report.start = scenario.start;
        report.end = scenario.end;
        report.replications = 3;
        report.series.push_back(series("funding", "all", "balance", {2e6, 1.5e6, -0.5e6}));
        report.series.push_back(series("funding", "all", "cumulative_receipts", {2e6, 2e6, 2e6}));
        report.series.push_back(series("funding", "all", "cumulative_spending", {0, 0.5e6, 2.5e6}));
        report.series.push_back(series("control", "harbour", "g", {0.2, 0.25, 0.3}));
        report.metrics.push_back({"zones.harbour.patrol_ratio", Summary{3, 0.5, 0.1, 0.4, 0.6}});
        report.metrics.push_back({"control.harbour.end", Summary{3, 0.3, 0.01, 0.29, 0.31}});
        report.metrics.push_back({"control.market.end", Summary{3, 0.7, 0.01, 0.69, 0.71}});
        const std::string html = to_html(report, scenario);
        CHECK(html.find("No funding model") == std::string::npos);
        CHECK(html.find("<title>Funding balance, receipts and spending</title>") != std::string::npos);
        CHECK(html.find(">USD millions</text>") != std::string::npos);
        CHECK(html.find(">-1</text>") != std::string::npos);  // a negative balance extends the axis
        CHECK(html.find(">gang control, end</th>") != std::string::npos);
        CHECK(html.find(">70.0% <span class=\"ci\">(69.0\u201371.0)</span></td>") != std::string::npos);
        CHECK(html.find("<h3>control.csv</h3>") != std::string::npos);
        CHECK(html.find("<h1>synthetic &lt;test&gt;</h1>") != std::string::npos);
        CHECK(external_references(html) == std::vector<std::string>{});
        CHECK(svg_problem(html) == "");
    }

    TEST_CASE("zones are projected north up, east-west distances shrunk by the latitude's cosine") {
        auto zone = [](const char* id, double lat, double lon) {
            Zone z;
            z.id = id;
            z.lat = lat;
            z.lon = lon;
            return z;
        };
        Theatre theatre;
        theatre.zones = {zone("a", 0, 0), zone("b", 0, 0.2), zone("c", 0.1, 0.1)};
        REQUIRE(detail::has_map(theatre));
        const auto [east_km, north_km] = detail::map_extent_km(theatre);
        CHECK(east_km == doctest::Approx(0.2 * 111.1949 * std::cos(0.05 * 3.14159265358979 / 180)).epsilon(1e-6));
        CHECK(north_km == doctest::Approx(11.11949).epsilon(1e-6));
        // 400 x 200 px with 20 px margins: the height binds, 160 px for 11.12 km.
        const detail::MapProjection projection = detail::fit_projection(theatre, 400, 200, 20);
        CHECK(projection.px_per_km == doctest::Approx(160 / north_km));
        const detail::MapPoint a = projection.project(0, 0), b = projection.project(0, 0.2),
                               c = projection.project(0.1, 0.1);
        CHECK(a.x == doctest::Approx(40).epsilon(1e-5));
        CHECK(a.y == doctest::Approx(180));
        CHECK(b.x == doctest::Approx(360).epsilon(1e-5));
        CHECK(b.y == doctest::Approx(180));
        CHECK(c.x == doctest::Approx(200));
        CHECK(c.y == doctest::Approx(20));
        CHECK(detail::scale_bar_km(east_km) == 5);
        CHECK(detail::zone_radius(25, 100, 20) == doctest::Approx(10));  // area, not radius, follows population
        CHECK(detail::ramp_colour(0) == "#440154");
        CHECK(detail::ramp_colour(1) == "#fde725");
        theatre.zones = {zone("a", 0, 0), zone("b", 0, 0)};  // no coordinates
        CHECK(!detail::has_map(theatre));
    }

    TEST_CASE("the maps draw one circle per zone in every panel, with a legend and a scale bar") {
        Scenario scenario = load_scenario(MMSIM_SOURCE_DIR "/scenarios/tiny.yaml");
        scenario.replications = 3;
        const double positions[][2] = {{18.50, -72.35}, {18.55, -72.30}, {18.45, -72.28}};
        REQUIRE(scenario.theatre.zones.size() == 3);
        for (std::size_t z = 0; z < 3; ++z) {
            scenario.theatre.zones[z].lat = positions[z][0];
            scenario.theatre.zones[z].lon = positions[z][1];
        }
        const Report report = make_report(scenario, run_replications(scenario, 1));
        const std::string html = to_html(report, scenario);
        const std::string maps = between(html, "<section id=\"maps\">", "</section>");
        REQUIRE(!maps.empty());
        CHECK(html.find("<a href=\"#maps\">Maps</a>") != std::string::npos);
        // The key map, then one row of small multiples per figure.
        const std::size_t svgs = count(maps, "<svg");
        CHECK(svgs == 5);  // key map, patrol ratio, within target, response, gang control
        const std::size_t periods = report.windows.empty() ? 3 : report.windows.size();
        std::size_t at = 0;
        for (std::size_t i = 0; i < svgs; ++i) {
            at = maps.find("<svg", at);
            const std::string svg = maps.substr(at, maps.find("</svg>", at) - at);
            INFO("map " << i);
            CHECK(count(svg, "<circle class=\"zone\"") == (i == 0 ? 1 : periods) * 3);
            CHECK(count(svg, "class=\"map-legend\"") == 1);
            CHECK(count(svg, "class=\"scale-bar\"") == 1);
            CHECK(count(svg, "<line class=\"road\"") == (i == 0 ? 1 : periods) * scenario.theatre.roads.size());
            CHECK(count(svg, "class=\"airport\"") == (i == 0 ? 1 : periods));
            ++at;
        }
        CHECK(maps.find(">12 min</text>") != std::string::npos);  // harbour-market road
        CHECK(maps.find(">Harbour</text>") != std::string::npos);
        CHECK(maps.find("patrol ratio (%); lighter is better") != std::string::npos);
        CHECK(svg_problem(html) == "");
        CHECK(external_references(html) == std::vector<std::string>{});
        CHECK(count(html, "<figure") == count(html, "</figure>"));
        CHECK(to_html(report, scenario) == html);

        // Zones without coordinates: a sentence instead of a map.
        Scenario plain = load_scenario(MMSIM_SOURCE_DIR "/scenarios/tiny.yaml");
        const std::string page = to_html(report, plain);
        CHECK(between(page, "<section id=\"maps\">", "</section>").find("no map") != std::string::npos);
        CHECK(count(between(page, "<section id=\"maps\">", "</section>"), "<svg") == 0);
    }

    TEST_CASE("zones.csv holds the per-zone figures in the tidy columns") {
        Report report;
        report.metrics.push_back({"coverage.patrol_ratio", Summary{2, 0.5, 0.1, 0.4, 0.6}});
        report.metrics.push_back({"zones.north.patrol_ratio", Summary{2, 0.25, 0.1, 0.125, 0.375}});
        report.metrics.push_back({"zones.north.response.mean_min", Summary{2, 12, 1, 11, 13}});
        report.metrics.push_back({"control.north.end", Summary{2, 0.5, 0, 0.5, 0.5}});
        report.metrics.push_back({"control.mean", Summary{2, 0.4, 0, 0.4, 0.4}});
        CHECK(to_zones_csv(report) ==
              "date,entity,metric,mean,ci_low,ci_high\n"
              ",north,patrol_ratio,0.25,0.125,0.375\n"
              ",north,response.mean_min,12,11,13\n"
              ",north,control.end,0.5,0.5,0.5\n");
        CHECK(to_zones_csv(Report{}) == "");
    }

    TEST_CASE("mmsim run --format html and all write report.html") {
        auto dir = mmsim::test::fresh_folder("html");
        auto outcome = mmsim::test::run_mmsim(
            "run scenarios/tiny.yaml -q --replications 2 --format html --out " + (dir / "html").string());
        INFO(outcome.err);
        REQUIRE(outcome.exit_code == 0);
        CHECK(std::filesystem::exists(dir / "html" / "report.html"));
        CHECK(!std::filesystem::exists(dir / "html" / "report.json"));
        REQUIRE(mmsim::test::run_mmsim("run scenarios/tiny.yaml -q --replications 2 --format all --out " +
                                       (dir / "all").string())
                    .exit_code == 0);
        for (const char* file : {"report.html", "report.json", "personnel.csv", "coverage.csv", "zones.csv"}) {
            INFO(file);
            CHECK(std::filesystem::exists(dir / "all" / file));
        }
        CHECK(mmsim::test::read_text(dir / "all" / "report.html") ==
              mmsim::test::read_text(dir / "html" / "report.html"));
        std::filesystem::remove_all(dir);
    }
}
