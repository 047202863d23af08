// The scenario format's table (sim/scenario/schema.cpp): the JSON Schema made
// from it, the docs that must list its keys, and the enum tables it reads.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_helpers.hpp"
#include "mmsim/contingents.hpp"
#include "mmsim/funding.hpp"
#include "mmsim/metrics.hpp"
#include "mmsim/patrols.hpp"
#include "mmsim/scenario.hpp"
#include "scenario/schema.hpp"

using namespace mmsim;

namespace {

template <class E>
void check_round_trip() {
    for (const std::string& name : enum_choices<E>()) {
        INFO(name);
        const std::optional<E> value = enum_from_name<E>(name);
        REQUIRE(value.has_value());
        CHECK(enum_name(*value) == name);
    }
    CHECK_FALSE(enum_from_name<E>("no_such_value").has_value());
}

}  // namespace

TEST_SUITE("scenario schema") {
    TEST_CASE("every key of the format is documented in scenarios/README.md") {
        const std::string docs =
            mmsim::test::read_text(std::filesystem::path(MMSIM_SOURCE_DIR) / "scenarios" / "README.md");
        int keys = 0;
        for (const detail::SchemaSection& section : detail::schema_sections())
            for (const detail::SchemaKey& key : section.keys) {
                INFO(section.name << "." << key.key);
                // as `key` in its section's table, or as `list[i].key`
                const std::string name(key.key);
                CHECK((docs.find("`" + name + "`") != std::string::npos ||
                       docs.find("]." + name + "`") != std::string::npos));
                ++keys;
            }
        CHECK(keys > 80);
    }

    TEST_CASE("the JSON Schema lists each section's keys, its required ones and the enum tables' names") {
        const nlohmann::json schema = nlohmann::json::parse(scenario_json_schema());
        const nlohmann::json& top = schema["definitions"]["top"];
        CHECK(top["required"] == nlohmann::json({"schema_version", "name", "start", "end", "contingents"}));
        CHECK(top["additionalProperties"] == false);
        CHECK(schema["definitions"]["top_overlay"].contains("required") == false);
        const nlohmann::json& policy = schema["definitions"]["patrols"]["properties"]["policy"]["anyOf"][0];
        CHECK(policy["enum"] == nlohmann::json(enum_choices<AllocationPolicy>()));
        const nlohmann::json& shortfall =
            schema["definitions"]["funding"]["properties"]["shortfall_policy"]["anyOf"][0];
        CHECK(shortfall["enum"] == nlohmann::json(enum_choices<ShortfallPolicy>()));
        for (const detail::SchemaSection& section : detail::schema_sections()) {
            INFO(section.name);
            CHECK(schema["definitions"][std::string(section.name)]["properties"].size() == section.keys.size());
        }
    }

    TEST_CASE("every enum's table names each value once, and names read back as their value") {
        check_round_trip<Rotation>();
        check_round_trip<AllocationPolicy>();
        check_round_trip<ShortfallPolicy>();
        check_round_trip<LedgerCategory>();
        check_round_trip<Better>();
        check_round_trip<MetricKind>();
        CHECK(enum_choices<AllocationPolicy>() ==
              std::vector<std::string>{"proportional", "priority", "coverage"});
        CHECK(std::string(to_string(LedgerCategory::operations)) == "operations");
    }
}
