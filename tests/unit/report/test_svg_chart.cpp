#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "report/svg_chart.hpp"

namespace {

using namespace mmsim;
using namespace mmsim::detail;

using mmsim::test::count;

std::vector<std::string> labels(const std::vector<DateTick>& ticks) {
    std::vector<std::string> out;
    for (const DateTick& t : ticks) out.push_back(std::to_string(t.day) + " " + t.label);
    return out;
}

}  // namespace

TEST_SUITE("charts") {
    TEST_CASE("axis ticks are round numbers covering the range") {
        CHECK(nice_ticks(0, 0.83, 6) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0});
        CHECK(nice_ticks(0, 1364, 6) == std::vector<double>{0, 500, 1000, 1500});
        CHECK(nice_ticks(-1.5, 0, 5) == std::vector<double>{-1.5, -1, -0.5, 0});
        CHECK(nice_ticks(0, 0.3, 3) == std::vector<double>{0, 0.1, 0.2, 0.3});
        CHECK(nice_ticks(5, 5, 4).front() == 5);
        CHECK(nice_ticks(0, std::numeric_limits<double>::quiet_NaN(), 6).empty());
    }

    TEST_CASE("date axes step by days, weeks or months and name the year once") {
        const Date january = *parse_date("2025-01-01");
        CHECK(labels(date_ticks(january, 30, 8)) ==
              std::vector<std::string>{"0 1 Jan", "7 8 Jan", "14 15 Jan", "21 22 Jan", "28 29 Jan"});
        CHECK(labels(date_ticks(january, 5, 8)) ==
              std::vector<std::string>{"0 1 Jan", "1 2 Jan", "2 3 Jan", "3 4 Jan", "4 5 Jan"});
        const Date june = *parse_date("2024-06-01");
        const int days = days_between(june, *parse_date("2025-09-30")) + 1;
        CHECK(labels(date_ticks(june, days, 8)) == std::vector<std::string>{"30 Jul 2024", "92 Sep", "153 Nov",
                                                                            "214 Jan 2025", "273 Mar",
                                                                            "334 May", "395 Jul", "457 Sep"});
        // Ten years: yearly ticks, every one labelled with its year.
        const auto decade = date_ticks(*parse_date("2020-03-15"), 3653, 8);
        REQUIRE(!decade.empty());
        CHECK(decade.size() <= 9);
        CHECK(decade.front().label == "Jan 2021");
    }

    TEST_CASE("quantities are printed with thousands separators") {
        CHECK(format_quantity(1234567.891, 2) == "1,234,567.89");
        CHECK(format_quantity(999, 0) == "999");
        CHECK(format_quantity(-4500, 0) == "-4,500");
        CHECK(format_quantity(-0.001, 1) == "0.0");
        CHECK(format_quantity(std::nan(""), 1) == "\u2013");
        CHECK(escape_xml("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;");
    }

    TEST_CASE("a line chart draws bands under lines, breaks lines at gaps and labels everything") {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        Chart chart;
        chart.title = "Test <chart>";
        chart.x_label = "date";
        chart.y_label = "share (%)";
        chart.start = *parse_date("2025-01-01");
        chart.y_percent = true;
        chart.series.push_back({"with band",
                                "",
                                {0, 1, 2, 3},
                                {0.1, 0.2, nan, 0.4},
                                {0, 0.1, nan, 0.3},
                                {0.2, 0.3, nan, 0.5},
                                false});
        chart.series.push_back({"plain", "#123456", {0, 1, 2, 3}, {0.5, 0.5, 0.5, 0.5}, {}, {}, true});
        chart.markers.push_back({1.5, "half"});
        const std::string svg = line_chart(chart);
        CHECK(svg.rfind("<svg class=\"chart\" viewBox=\"0 0 760 300\"", 0) == 0);
        CHECK(svg.find("<title>Test &lt;chart&gt;</title>") != std::string::npos);
        CHECK(count(svg, "class=\"band\"") == 2);  // the band splits at the gap
        CHECK(count(svg, "class=\"line\"") == 2);
        CHECK(svg.find("fill=\"#0072B2\" fill-opacity=\"0.2\"") != std::string::npos);
        CHECK(svg.find(
                  "stroke=\"#123456\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-dasharray=\"7 3\"") !=
              std::string::npos);
        CHECK(svg.find(">100%</text>") != std::string::npos);
        CHECK(svg.find(">1 Jan</text>") != std::string::npos);
        CHECK(svg.find(">half</text>") != std::string::npos);
        CHECK(svg.find(">with band</text>") != std::string::npos);
        CHECK(svg.find(">share (%)</text>") != std::string::npos);
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
    }

    TEST_CASE("stacked areas sum their layers and histograms draw one bar per bin") {
        Chart chart;
        chart.title = "stack";
        chart.x_label = "day";
        chart.y_label = "officers";
        chart.series.push_back({"a", "", {0, 1}, {10, 20}, {}, {}, false});
        chart.series.push_back({"b", "", {0, 1}, {5, 100}, {}, {}, false});
        const std::string stack = stacked_area_chart(chart);
        CHECK(count(stack, "class=\"area\"") == 2);
        CHECK(stack.find(">120</text>") != std::string::npos);  // axis reaches the top of the stack
        const std::string bars = histogram_chart(chart, {0, 5, 10, 15}, {0.5, 0.3, 0.2}, "#000000");
        CHECK(count(bars, "class=\"bar\"") == 3);
        CHECK(count(bars, "<rect") == 3);  // no legend for a histogram
    }

    TEST_CASE("the palette is Okabe-Ito and cycles") {
        CHECK(palette_colour(0) == "#0072B2");
        CHECK(palette_colour(1) == "#D55E00");
        CHECK(palette_colour(8) == palette_colour(0));
    }
}
