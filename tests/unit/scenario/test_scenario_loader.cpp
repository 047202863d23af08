#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mmsim/scenario.hpp"
#include "scenario_text.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::testing::TempDir;
using mmsim::testing::load_text;
using mmsim::testing::problems;
using mmsim::testing::strip;

namespace {

// Lines 1-9; a contingent field appended next is on line 10, 4 spaces in.
using mmsim::testing::kMinimalScenario;

// Two zones joined by a road; appended to kMinimalScenario it starts on line 10.
const std::string kTheatre =
    "theatre:\n"
    "  zones:\n"
    "    tabarre: {population: 100000, incident_rate_per_day: 2}\n"
    "    delmas: {population: 200000, incident_rate_per_day: 3}\n"
    "  roads:\n"
    "    - {between: [tabarre, delmas], travel: 15min}\n";

}  // namespace

TEST_SUITE("scenario loader") {
    TEST_CASE("a minimal scenario loads with every default") {
        const Scenario s = load_text(kMinimalScenario);
        CHECK(s.name == "t");
        CHECK(s.seed == 1);
        CHECK(s.replications == 10);
        CHECK(s.currency == "USD");
        CHECK(s.days() == 214);
        REQUIRE(s.contingents.size() == 1);
        const Contingent& kenya = s.contingents[0];
        CHECK(kenya.id == "kenya");
        CHECK(kenya.role == "police");
        CHECK(kenya.induction == 7 * 24);
        CHECK(kenya.team_size == 8);
        CHECK(kenya.duty_share == 0.5);
        CHECK(kenya.rotation == Rotation::none);
        CHECK(kenya.rotation_lead == 14 * 24);
        CHECK(kenya.arrival_delay.kind == Distribution::Kind::fixed);
        CHECK(kenya.arrival_delay.p1 == 0);
        CHECK_FALSE(kenya.self_funded);
        REQUIRE(kenya.waves.size() == 1);
        CHECK(format_date(kenya.waves[0].date) == "2024-06-25");
        CHECK(kenya.waves[0].officers == 200);
        CHECK(s.theatre.zones.empty());
        CHECK(s.theatre.bases.empty());
        CHECK_FALSE(s.airport.zone.has_value());
        CHECK_FALSE(s.airport.daily_capacity.has_value());
        CHECK(s.patrols.policy == AllocationPolicy::proportional);
        CHECK(s.patrols.shift == 12);
        REQUIRE(s.incidents.classes.size() == 1);
        const IncidentClass& only = s.incidents.classes[0];
        CHECK(only.id == "incident");
        CHECK(only.share == 1);
        CHECK(only.priority == 1);
        CHECK(only.teams_needed == 1);
        CHECK(only.on_scene.kind == Distribution::Kind::exponential);
        CHECK(only.on_scene.p1 == 1);
        CHECK(only.max_wait == kNever);
    }

    TEST_CASE("a full scenario is resolved into model units and indices") {
        const Scenario s =
            load_text(kMinimalScenario +
                      "    arrival_delay: {dist: triangular, min: 0d, mode: 1d, max: 3d}\n"
                      "    tour: 1w\n"
                      "    rotation: replace\n"
                      "    rotation_lead: 36h\n"
                      "    self_funded: true\n"
                      "seed: 18446744073709551615\n"
                      "airport:\n"
                      "  zone: delmas\n"
                      "  daily_capacity: 400\n"
                      "  closures:\n"
                      "    - {from: 2024-11-11, reopen: 2024-11-18, reason: gunfire}\n" +
                      kTheatre +
                      "patrols: {policy: coverage, response_target: 45min}\n"
                      "incidents:\n"
                      "  classes:\n"
                      "    violent: {share: 0.2, teams: 2, on_scene: {dist: lognormal, median: "
                      "90min, sigma: 0.6}, max_wait: 2h}\n"
                      "    petty: {share: 0.8, priority: 2, max_wait: never}\n"
                      "  scripted:\n"
                      "    - {at: 2024-10-21T09:30, zone: delmas, class: petty, note: convoy}\n");
        CHECK(s.seed == 18446744073709551615ull);
        const Contingent& kenya = s.contingents[0];
        CHECK(kenya.arrival_delay.kind == Distribution::Kind::triangular);
        CHECK(kenya.arrival_delay.p3 == 72);
        CHECK(kenya.tour == 168);
        CHECK(kenya.rotation == Rotation::replace);
        CHECK(kenya.rotation_lead == 36);
        CHECK(kenya.self_funded);
        REQUIRE(s.theatre.zones.size() == 2);
        CHECK(s.theatre.zones[0].id == "tabarre");
        CHECK(s.theatre.zones[0].name == "tabarre");
        CHECK(s.theatre.zones[1].incident_rate_per_day == 3);
        REQUIRE(s.theatre.roads.size() == 1);
        CHECK(s.theatre.roads[0].a == ZoneId(0));
        CHECK(s.theatre.roads[0].b == ZoneId(1));
        CHECK(s.theatre.roads[0].travel == doctest::Approx(0.25));
        CHECK(s.airport.zone == ZoneId(1));
        CHECK(s.airport.daily_capacity == 400);
        REQUIRE(s.airport.closures.size() == 1);
        CHECK(s.airport.closures[0].from == 163 * 24);
        CHECK(s.airport.closures[0].reopen == 170 * 24);
        CHECK(s.airport.closures[0].reason == "gunfire");
        REQUIRE(s.theatre.bases.size() == 1);
        CHECK(s.theatre.bases[0] == ZoneId(1));  // the airport zone
        CHECK(s.patrols.policy == AllocationPolicy::coverage);
        CHECK(s.patrols.response_target == 0.75);
        REQUIRE(s.incidents.classes.size() == 2);
        CHECK(s.incidents.classes[0].on_scene.kind == Distribution::Kind::lognormal);
        CHECK(s.incidents.classes[0].on_scene.p1 == 1.5);
        CHECK(s.incidents.classes[0].max_wait == 2);
        CHECK(s.incidents.classes[1].max_wait == kNever);
        REQUIRE(s.incidents.scripted.size() == 1);
        CHECK(s.incidents.scripted[0].at == 142 * 24 + 9.5);
        CHECK(s.incidents.scripted[0].zone == ZoneId(1));
        CHECK(s.incidents.scripted[0].incident_class == IncidentClassId(1));
    }

    TEST_CASE("bases default to the airport zone, else to the first zone") {
        CHECK(load_text(kMinimalScenario + kTheatre).theatre.bases.at(0) == ZoneId(0));
        CHECK(load_text(kMinimalScenario + kTheatre + "airport: {zone: delmas}\n").theatre.bases.at(0) ==
              ZoneId(1));
        CHECK(load_text(kMinimalScenario + kTheatre + "  bases: [delmas, tabarre]\n").theatre.bases.size() ==
              2);
    }

    TEST_CASE("the file and the hash of the resolved content are recorded") {
        TempDir dir("loader-hash");
        const std::string a = dir.write("a.yaml", kMinimalScenario);
        const std::string b =
            dir.write("b.yaml", "# the same content, laid out differently\n" + kMinimalScenario + "\n\n");
        CHECK(load_scenario(a).file == a);
        CHECK(load_scenario(a).hash == load_scenario(b).hash);
        CHECK(load_scenario(a).hash != load_scenario(a, {"seed=2"}).hash);
    }

    TEST_CASE("--set overrides apply after extends, in order") {
        TempDir dir("loader-set");
        dir.write("parent.yaml", kMinimalScenario);
        const std::string child =
            dir.write("child.yaml", "extends: parent.yaml\nreplications: 3\n");
        const Scenario s = load_scenario(
            child, {"replications=4", "replications=5", "contingents.kenya.waves[0].officers=50",
                    "contingents.kenya.waves=[{date: 2024-07-01, officers: 60}]"});
        CHECK(s.replications == 5);
        CHECK(s.contingents[0].waves[0].officers == 60);
        CHECK(load_scenario(child, {"patrols.policy=priority"}).patrols.policy ==
              AllocationPolicy::priority);
        CHECK(load_scenario(child, {"airport.daily_capacity=300"}).airport.daily_capacity == 300);
        CHECK(
            load_scenario(
                child,
                {"contingents.uganda={country: Uganda, waves: [{date: 2024-08-01, officers: 5}]}"})
                .contingents.size() == 2);
    }

    TEST_CASE("--set problems are reported with the others, naming the argument") {
        const std::string reported =
            problems(kMinimalScenario + "replications: 0\n",
                     {"contingents.kenya.waves[0].officers=-3", "patrols.polcy=coverage",
                      "contingents.kenya.waves[3].officers=1", "end=2024-13-01"});
        CHECK(reported ==
              "--set contingents.kenya.waves[0].officers=-3:1:1: "
              "contingents.kenya.waves[0].officers: expected a positive "
              "integer, got '-3'\n"
              "--set contingents.kenya.waves[3].officers=1:1:1: contingents.kenya.waves[3]: index "
              "3 is past the end of "
              "the list (it has 1 items)\n"
              "--set end=2024-13-01:1:1: end: '2024-13-01' is not a calendar date\n"
              "--set patrols.polcy=coverage:1:1: unknown key 'polcy' in patrols (did you mean "
              "'policy'?)\n"
              "case.yaml:10:15: replications: expected an integer in [1, 100000], got '0'");
        CHECK(problems(kMinimalScenario, {"contingents.kenya.waves[0]="}) ==
              "--set contingents.kenya.waves[0]=:1:1: contingents.kenya.waves[0]: expected a map, "
              "got nothing");
    }

    TEST_CASE("all problems are reported together, sorted by file, line and column") {
        TempDir dir("loader-all");
        dir.write("parent.yaml", kMinimalScenario + "    team_size: 0\n");
        const std::string child =
            dir.write("child.yaml", "extends: parent.yaml\nseed: x\nnmae: y\ncurrency: $$$\n");
        try {
            load_scenario(child);
            FAIL("the scenario should not load");
        } catch (const ScenarioError& error) {
            CHECK(
                strip(error.what(), dir.prefix()) ==
                "child.yaml:2:7: seed: expected an integer in [0, 18446744073709551615], got 'x'\n"
                "child.yaml:3:1: unknown key 'nmae' at top level (did you mean 'name'?)\n"
                "child.yaml:4:11: currency: expected a 3-letter upper-case code such as USD, got "
                "'$$$'\n"
                "parent.yaml:10:16: contingents.kenya.team_size: expected a positive integer, got "
                "'0'");
            CHECK(error.diagnostics().size() == 4);
        }
    }

    TEST_CASE("values are checked against their type and range") {
        SUBCASE("numbers") {
            CHECK(problems(kMinimalScenario + "    team_size: 1.5\n") ==
                  "case.yaml:10:16: contingents.kenya.team_size: expected a positive integer, got "
                  "'1.5'");
            CHECK(problems(kMinimalScenario + "    attrition_per_year: 1\n") ==
                  "case.yaml:10:25: contingents.kenya.attrition_per_year: expected a number in [0, "
                  "1), got '1'");
            CHECK(problems(kMinimalScenario + "    duty_share: -.inf\n") ==
                  "case.yaml:10:17: contingents.kenya.duty_share: expected a number in (0, 1], got "
                  "'-.inf' (not a finite number)");
            CHECK(problems(kMinimalScenario + "    duty_share: 0x1\n") ==
                  "case.yaml:10:17: contingents.kenya.duty_share: expected a number in (0, 1], got "
                  "'0x1'");
            CHECK(problems(kMinimalScenario + "incidents: {gang_rate_factor: 2e12}\n") ==
                  "case.yaml:10:31: incidents.gang_rate_factor: expected a number >= 0, got '2e12' "
                  "(too large: the limit is "
                  "1e+12)");
            CHECK(problems(kMinimalScenario + "replications: +7\n") == "");
        }
        SUBCASE("durations") {
            CHECK(problems(kMinimalScenario + "    induction: 0\n") == "");
            CHECK(problems(kMinimalScenario + "    induction: 1.5h\n") == "");
            CHECK(problems(kMinimalScenario + "    tour: 0d\n") ==
                  "case.yaml:10:11: contingents.kenya.tour: expected a duration > 0, got '0d'");
            CHECK(problems(kMinimalScenario + "    induction: 40000d\n") ==
                  "case.yaml:10:16: contingents.kenya.induction: expected a duration >= 0, got "
                  "'40000d' (too long: the limit "
                  "is 100 years)");
            CHECK(problems(kMinimalScenario + "    induction: [7d]\n") ==
                  "case.yaml:10:16: contingents.kenya.induction: expected a duration, got a list");
        }
        SUBCASE("strings, booleans and choices") {
            CHECK(problems(kMinimalScenario + "description: {a: 1}\n") ==
                  "case.yaml:10:14: description: expected a string, got a map");
            CHECK(
                problems(kMinimalScenario + "    self_funded: 1\n") ==
                "case.yaml:10:18: contingents.kenya.self_funded: expected true or false, got '1'");
            CHECK(problems(kMinimalScenario + "    rotation: weekly\n") ==
                  "case.yaml:10:15: contingents.kenya.rotation: expected one of none, depart, "
                  "replace, got 'weekly'");
        }
        SUBCASE("dates and date-times") {
            CHECK(problems(kMinimalScenario + "incidents: {scripted: [{at: 2024-10-21 9am, zone: x}]}\n")
                      .find("incidents.scripted[0].at: expected a date-time (YYYY-MM-DDTHH:MM), "
                            "got '2024-10-21 9am'") != std::string::npos);
            CHECK(problems("schema_version: 1\nname: t\nstart: 1 June\nend: "
                           "2124-06-01\ncontingents: {}\n") ==
                  "case.yaml:3:8: start: expected a date (YYYY-MM-DD), got '1 June'\n"
                  "case.yaml:5:14: contingents: expected at least one contingent");
        }
    }

    TEST_CASE("distributions are checked for their parameters") {
        auto delay = [](const std::string& dist) {
            return problems(kMinimalScenario + "    arrival_delay: " + dist + "\n");
        };
        CHECK(delay("{dist: exponential, mean: 0}") ==
              "case.yaml:10:46: contingents.kenya.arrival_delay.mean: expected a duration > 0, got "
              "'0'");
        CHECK(delay("{dist: lognormal, median: 1d, sigma: 11}") ==
              "case.yaml:10:57: contingents.kenya.arrival_delay.sigma: expected a number in [0, "
              "10], got '11'");
        CHECK(
            delay("{dist: triangular, min: 1d, mode: 5d, max: 3d}") ==
            "case.yaml:10:63: contingents.kenya.arrival_delay.max: '3d' is less than mode ('5d')");
        CHECK(
            delay("{dist: triangular, min: 2d, mode: 1d, max: 3d}") ==
            "case.yaml:10:54: contingents.kenya.arrival_delay.mode: '1d' is less than min ('2d')");
        CHECK(delay("{dist: empirical, values: [1d, 2d], weights: [0, 0]}") ==
              "case.yaml:10:65: contingents.kenya.arrival_delay.weights: the weights must not all "
              "be zero");
        CHECK(
            delay("{dist: empirical, values: []}") ==
            "case.yaml:10:46: contingents.kenya.arrival_delay.values: expected at least one value");
        CHECK(delay("{dist: fixed, value: 2d, mean: 1d}") ==
              "case.yaml:10:45: unknown key 'mean' in contingents.kenya.arrival_delay");
        CHECK(delay("{dist: normal, mean: 2d}") ==
              "case.yaml:10:20: missing required key 'sd' in contingents.kenya.arrival_delay");
        CHECK(delay("[1d]") ==
              "case.yaml:10:20: contingents.kenya.arrival_delay: expected a duration or a "
              "distribution such as {dist: "
              "exponential, mean: 2d}, got a list");
        CHECK(delay("{dist: empirical, values: [1d, 5d]}") == "");
        CHECK(delay("{dist: uniform, min: 1d, max: 1d}") == "");
        CHECK(delay("2d") == "");
    }

    TEST_CASE("theatre, airport and incident references are checked") {
        CHECK(problems(kMinimalScenario + kTheatre + "    - {between: [tabarre, delmas, x], travel: 1h}\n") ==
              "case.yaml:16:17: theatre.roads[1].between: expected a list of two zone ids, got a "
              "list of 3");
        CHECK(problems(kMinimalScenario + kTheatre + "  bases: [delmsa]\n") ==
              "case.yaml:16:11: theatre.bases[0]: unknown zone 'delmsa' (did you mean 'delmas'?)");
        CHECK(problems(kMinimalScenario + "theatre: {zones: {}}\n") ==
              "case.yaml:10:18: theatre.zones: expected at least one zone");
        CHECK(problems(kMinimalScenario + "incidents: {classes: {}}\n") ==
              "case.yaml:10:22: incidents.classes: expected at least one class");
        CHECK(problems(kMinimalScenario + "airport: {zone: anywhere}\n") == "");  // no theatre: only a label
        CHECK(problems(kMinimalScenario + "contingents: {}\n").find("duplicate key 'contingents'") !=
              std::string::npos);
    }

    TEST_CASE("documented limits on sizes are enforced") {
        SUBCASE("contingents") {
            std::string text =
                "schema_version: 1\nname: t\nstart: 2024-06-01\nend: 2024-12-31\ncontingents:\n";
            for (int i = 0; i <= 1000; ++i)
                text += "  c" + std::to_string(i) +
                        ": {country: X, waves: [{date: 2024-06-25, officers: 1}]}\n";
            CHECK(problems(text) ==
                  "case.yaml:6:3: contingents: 1001 contingents exceed the limit of 1000");
        }
        SUBCASE("waves") {
            std::string text = kMinimalScenario.substr(0, kMinimalScenario.rfind("      - "));
            for (int i = 0; i <= 10000; ++i)
                text += "      - {date: 2024-06-25, officers: 1}\n";
            CHECK(problems(text) ==
                  "case.yaml:9:7: contingents.kenya.waves: 10001 waves exceed the limit of 10000");
        }
        SUBCASE("zones") {
            std::string text = kMinimalScenario + "theatre:\n  zones:\n";
            for (int i = 0; i <= 10000; ++i)
                text +=
                    "    z" + std::to_string(i) + ": {population: 1, incident_rate_per_day: 1}\n";
            CHECK(problems(text) ==
                  "case.yaml:12:5: theatre.zones: 10001 zones exceed the limit of 10000");
        }
        SUBCASE("officers in all waves") {
            std::string text = kMinimalScenario.substr(0, kMinimalScenario.rfind("      - "));
            for (int i = 0; i < 5; ++i)
                text += "      - {date: 2024-06-25, officers: 2000000000}\n";
            CHECK(problems(text) ==
                  "case.yaml:6:3: contingents: 10000000000 officers in all waves exceed the limit "
                  "of 10000000");
        }
        SUBCASE("problems kept for the report") {
            std::string text = kMinimalScenario;
            for (int i = 0; i < 1200; ++i)
                text += "unknown" + std::to_string(i) + ": 1\n";
            TempDir dir("loader-many");
            try {
                load_scenario(dir.write("many.yaml", text));
                FAIL("the scenario should not load");
            } catch (const ScenarioError& error) {
                REQUIRE(error.diagnostics().size() == 1001);
                CHECK(strip(to_string(error.diagnostics().back()), dir.prefix()) ==
                      "many.yaml: and 200 more problems (only the first 1000 are shown)");
            }
        }
        SUBCASE("the horizon") {
            CHECK(problems("schema_version: 1\nname: t\nstart: 2024-06-01\nend: 2124-06-02\n" +
                           kMinimalScenario.substr(kMinimalScenario.find("contingents"))) ==
                  "case.yaml:4:6: end: the scenario spans 36526 days (the limit is 36525)");
        }
    }

    TEST_CASE("a misspelt key written with no value is still an unknown key") {
        CHECK(problems(kMinimalScenario + "    tuor:\n") ==
              "case.yaml:10:5: unknown key 'tuor' in contingents.kenya (did you mean 'tour'?)");
        // A thousands separator in a flow map makes a second, empty key.
        CHECK(problems(kMinimalScenario + "theatre:\n  zones:\n    a: {population: 200,000, "
                               "incident_rate_per_day: 1}\n") ==
              "case.yaml:12:25: unknown key '000' in theatre.zones.a");
        CHECK(problems(kMinimalScenario + "description:\nairport:\n") == "");  // known keys: absent
        TempDir dir("loader-null-keys");
        dir.write("parent.yaml",
                  kMinimalScenario + "    arrival_delay: {dist: lognormal, median: 1d, sigma: 0.5}\n");
        // Removing a parent's parameters (scenarios/README.md) stays allowed.
        CHECK(load_scenario(dir.write("child.yaml",
                                      "extends: parent.yaml\ncontingents:\n  kenya:\n"
                                      "    arrival_delay: {dist: exponential, mean: 1h, "
                                      "median: ~, sigma: ~}\n"))
                  .contingents[0]
                  .arrival_delay.kind == Distribution::Kind::exponential);
    }

}  // TEST_SUITE
