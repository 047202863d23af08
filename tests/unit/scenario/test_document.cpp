#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "mmsim/document.hpp"
#include "temp_files.hpp"

using namespace mmsim;
using mmsim::testing::TempDir;

namespace {

// The one message of the ScenarioError that `action` throws ("" if none).
template <class Action>
std::string error_of(Action action) {
    try {
        action();
    } catch (const ScenarioError& error) {
        return error.what();
    }
    return "";
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse_document(text, "t.yaml"); });
}

std::string where(const SourcePos& pos) {
    return to_string(pos);
}

// "a: [1, [2, [3, ...]]]" style nesting, `levels` lists deep.
std::string nested_lists(int levels) {
    return "a: " + std::string(static_cast<std::size_t>(levels), '[') +
           std::string(static_cast<std::size_t>(levels), ']');
}

const char* const kAliasBomb =
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

}  // namespace

TEST_SUITE("document") {
    TEST_CASE("every key and value keeps its 1-based line and column and its file") {
        const Node root = parse_document(
            "# comment\nname: mss\nwaves:\n  - {date: 2024-06-25, officers: 200}\n  -   x\n",
            "s.yaml");
        REQUIRE(root.is_map());
        CHECK(where(root.pos) == "s.yaml:2:1");
        CHECK(where(root.entries[0].key_pos) == "s.yaml:2:1");
        CHECK(where(root.entries[0].value.pos) == "s.yaml:2:7");
        const Node& waves = *root.find("waves");
        REQUIRE(waves.is_sequence());
        CHECK(where(waves.items[0].pos) == "s.yaml:4:5");
        CHECK(where(waves.items[0].entries[1].key_pos) == "s.yaml:4:24");
        CHECK(where(waves.items[0].find("officers")->pos) == "s.yaml:4:34");
        CHECK(where(waves.items[1].pos) == "s.yaml:5:7");
    }

    TEST_CASE("scalars stay text, and only unquoted nulls are null") {
        const Node root =
            parse_document("a: ~\nb: null\nc:\nd: 'null'\ne: \"7\"\nf: 1.50\n", "t.yaml");
        CHECK(root.find("a")->is_null());
        CHECK(root.find("b")->is_null());
        CHECK(root.find("c")->is_null());
        CHECK(root.find("d")->text == "null");
        CHECK(root.find("e")->text == "7");
        CHECK(root.find("f")->text == "1.50");
        CHECK(root.find("missing") == nullptr);
    }

    TEST_CASE("map entries stay in document order") {
        const Node root = parse_document("z: 1\na: 2\nm: 3\n", "t.yaml");
        REQUIRE(root.entries.size() == 3);
        CHECK(root.entries[0].key == "z");
        CHECK(root.entries[1].key == "a");
        CHECK(root.entries[2].key == "m");
    }

    TEST_CASE("empty text and text with only comments are a null document") {
        CHECK(parse_document("", "t.yaml").is_null());
        CHECK(parse_document("# nothing here\n\n", "t.yaml").is_null());
    }

    TEST_CASE("YAML syntax errors are reported at their position") {
        CHECK(parse_error("a: [1, 2\nb: 3\n") ==
              "t.yaml:2:2: YAML syntax error: end of sequence flow not found");
        CHECK(parse_error("a: 1\n b: 2\n") == "t.yaml:2:3: YAML syntax error: illegal map value");
        CHECK(parse_error("a: *nowhere\n") ==
              "t.yaml:1:4: YAML syntax error: the referenced anchor is not defined");
    }

    TEST_CASE("malformed structure is refused") {
        SUBCASE("a duplicate key, naming the map and the first occurrence") {
            CHECK(parse_error("a: 1\nb: 2\na: 3\n") ==
                  "t.yaml:3:1: duplicate key 'a' (first written on line 1)");
            CHECK(parse_error("x:\n  - y:\n      k: 1\n      k: 2\n") ==
                  "t.yaml:4:7: duplicate key 'k' in x[0].y (first written on line 3)");
        }
        SUBCASE("a key that is not a plain string") {
            CHECK(parse_error("? [a, b]\n: 1\n") ==
                  "t.yaml:1:3: a map key must be a plain string, got a list");
        }
        SUBCASE("a second document") {
            CHECK(parse_error("a: 1\n---\nb: 2\n") ==
                  "t.yaml:2:1: a second YAML document starts here (only one is allowed)");
        }
        SUBCASE("an alias inside the value it refers to") {
            CHECK(parse_error("a: &self [1, *self]\n") ==
                  "t.yaml:1:14: alias '*self' is inside the value it refers to");
        }
    }

    TEST_CASE("aliases are expanded and keep the positions of the anchored value") {
        const Node root = parse_document("base: &b {x: 1}\ncopy: *b\n", "t.yaml");
        const Node& copy = *root.find("copy");
        REQUIRE(copy.is_map());
        CHECK(copy.find("x")->text == "1");
        CHECK(where(copy.find("x")->pos) == "t.yaml:1:14");
    }

    TEST_CASE("text that is not UTF-8 is refused at the offending byte") {
        CHECK(parse_error(std::string("a: b\nc: d\0e\n", 11)) ==
              "t.yaml:2:5: control character 0x00 (is this a text file?)");
        CHECK(parse_error("a: caf\xe9\n") ==
              "t.yaml:1:7: invalid UTF-8 byte 0xE9 (is this a text file?)");
        CHECK(parse_error("a: caf\xc3\xa9\n") == "");
    }

    TEST_CASE("hostile documents fail fast with a clear error") {
        SUBCASE("nesting at the limit is fine, one level more is refused") {
            // The top-level map is level 1, so 63 lists reach the limit of 64.
            CHECK(parse_error(nested_lists(kMaxDocumentDepth - 1)) == "");
            CHECK(parse_error(nested_lists(kMaxDocumentDepth)) ==
                  "t.yaml:1:67: nesting deeper than 64 levels (the limit)");
        }
        SUBCASE("very deep nesting, block and flow") {
            std::string block;
            for (int level = 0; level < 500; ++level)
                block += std::string(static_cast<std::size_t>(level), ' ') + "k:\n";
            CHECK(parse_error(block) == "t.yaml:65:65: nesting deeper than 64 levels (the limit)");
            CHECK(parse_error(nested_lists(100000)).find("nesting deeper than 64 levels") !=
                  std::string::npos);
        }
        SUBCASE("an alias bomb stops at the alias budget") {
            CHECK(parse_error(kAliasBomb) ==
                  "t.yaml:5:36: aliases expand to more than 100000 values (the limit)");
        }
        SUBCASE("an alias cannot carry nesting past the depth limit") {
            std::string text = "a: &deep " + std::string(40, '[') + std::string(40, ']') +
                               "\nb: " + std::string(30, '[') + "*deep" + std::string(30, ']') +
                               "\n";
            CHECK(parse_error(text) ==
                  "t.yaml:2:34: nesting deeper than 64 levels once alias '*deep' is expanded (the "
                  "limit)");
        }
        SUBCASE("a long value, and long values multiplied by aliases") {
            const std::string long_value(kMaxScalarBytes + 1, 'x');
            CHECK(parse_error("a: " + long_value + "\n") ==
                  "t.yaml:1:4: a value longer than 1048576 bytes (the limit)");
            std::string text = "a: &big " + std::string(kMaxScalarBytes, 'x') + "\nb: [";
            for (int copy = 0; copy < 70; ++copy)
                text += "*big, ";
            text += "]\n";
            CHECK(parse_error(text).find("bytes of text once aliases are expanded (the limit)") !=
                  std::string::npos);
        }
    }

    TEST_CASE("files are read defensively") {
        TempDir dir("document-files");
        SUBCASE("a missing file") {
            const std::string path = (dir.path() / "missing.yaml").string();
            CHECK(error_of([&] { load_document(path); }) ==
                  path + ": cannot read file: No such file or directory");
        }
        SUBCASE("a directory") {
            const std::string path = dir.path().string();
            CHECK(error_of([&] { load_document(path); }) ==
                  path + ": cannot read file: is a directory");
        }
        SUBCASE("a file over the size limit is refused without reading it") {
            const std::string path = dir.write("huge.yaml", "a: 1\n");
            std::filesystem::resize_file(path, 100u << 20);  // sparse: costs no disk
            CHECK(error_of([&] { load_document(path); }) ==
                  path +
                      ": cannot read file: file too large (104857600 bytes; the limit is 8388608)");
        }
        SUBCASE("a file is parsed with its path in every position") {
            const std::string path = dir.write("ok.yaml", "a: 1\n");
            CHECK(where(load_document(path).find("a")->pos) == path + ":1:4");
        }
    }

    TEST_CASE("merging: maps by key with the child winning, lists and scalars replaced") {
        const Node parent =
            parse_document("a: 1\nm: {x: 1, y: 2}\nl: [1, 2, 3]\ngone: {k: 1}\n", "p.yaml");
        const Node child =
            parse_document("m: {y: 20, z: 30}\nl: [9]\ngone: ~\nnew: n\na: 10\n", "c.yaml");
        Node merged = merge_documents(parent, child);
        drop_null_entries(merged);
        CHECK(canonical_text(merged) ==
              R"({"a":"10","m":{"x":"1","y":"20","z":"30"},"l":["9"],"new":"n"})");
        CHECK(where(merged.find("m")->find("x")->pos) == "p.yaml:2:8");
        CHECK(where(merged.find("m")->find("y")->pos) == "c.yaml:1:8");
    }

    TEST_CASE("extends resolves parents relative to the extending file") {
        TempDir dir("document-extends");
        dir.write("base/grand.yaml",
                  "schema_version: 1\na: grand\nb: grand\nc: grand\nm: {x: 1, y: 1}\n");
        dir.write("base/parent.yaml", "extends: grand.yaml\nb: parent\nm: {y: 2}\n");
        const std::string child =
            dir.write("child.yaml", "extends: base/parent.yaml\nc: child\nm: {x: ~}\n");
        const Node root = load_resolved_document(child);
        CHECK(canonical_text(root) ==
              R"({"schema_version":"1","a":"grand","b":"parent","c":"child","m":{"y":"2"}})");
        CHECK(where(root.find("a")->pos) == dir.prefix() + "base/grand.yaml:2:4");
        CHECK(root.find("extends") == nullptr);
    }

    TEST_CASE("extends problems name the file and line of the extends key") {
        TempDir dir("document-extends-errors");
        const std::string prefix = dir.prefix();
        auto problem = [&](const std::string& file) {
            std::string text = error_of([&] { load_resolved_document(prefix + file); });
            for (std::size_t at; (at = text.find(prefix)) != std::string::npos;)
                text.erase(at, prefix.size());
            return text;
        };
        SUBCASE("a missing parent") {
            dir.write("a.yaml", "name: a\nextends: nowhere.yaml\n");
            CHECK(
                problem("a.yaml") ==
                "a.yaml:2:1: extends: cannot read file 'nowhere.yaml': No such file or directory");
        }
        SUBCASE("a file extending itself, and a longer cycle") {
            dir.write("self.yaml", "extends: ./self.yaml\n");
            CHECK(problem("self.yaml") == "self.yaml:1:1: extends: cycle self.yaml -> self.yaml");
            dir.write("x.yaml", "extends: y.yaml\n");
            dir.write("y.yaml", "extends: z.yaml\n");
            dir.write("z.yaml", "extends: x.yaml\n");
            CHECK(problem("x.yaml") ==
                  "z.yaml:1:1: extends: cycle x.yaml -> y.yaml -> z.yaml -> x.yaml");
        }
        SUBCASE("a chain longer than the limit") {
            for (int i = 0; i < 20; ++i)
                dir.write("chain" + std::to_string(i) + ".yaml",
                          "extends: chain" + std::to_string(i + 1) + ".yaml\n");
            dir.write("chain20.yaml", "a: 1\n");
            CHECK(problem("chain0.yaml") ==
                  "chain15.yaml:1:1: extends: more than 16 files in the chain (the limit)");
        }
        SUBCASE("a syntax error in the parent points into the parent") {
            dir.write("broken.yaml", "a: [1\n");
            dir.write("child.yaml", "extends: broken.yaml\n");
            CHECK(problem("child.yaml") ==
                  "broken.yaml:2:1: YAML syntax error: end of sequence flow not found");
        }
        SUBCASE("a parent that is not a map") {
            dir.write("list.yaml", "- 1\n");
            dir.write("empty.yaml", "");
            dir.write("to_list.yaml", "extends: list.yaml\n");
            dir.write("to_empty.yaml", "extends: empty.yaml\n");
            CHECK(problem("to_list.yaml") ==
                  "list.yaml:1:1: expected a map of scenario keys, got a list (this file is "
                  "extended by to_list.yaml)");
            CHECK(problem("to_empty.yaml") ==
                  "empty.yaml:1:1: expected a map of scenario keys, got nothing (this file is "
                  "extended by to_empty.yaml)");
        }
        SUBCASE("extends that is not a path") {
            dir.write("odd.yaml", "extends: {a: 1}\n");
            CHECK(problem("odd.yaml") == "odd.yaml:1:10: extends: expected a file path, got a map");
        }
        SUBCASE("a parent of another schema version") {
            dir.write("v2.yaml", "schema_version: 2\n");
            dir.write("v1.yaml", "schema_version: 1\nextends: v2.yaml\n");
            CHECK(problem("v1.yaml") ==
                  "v1.yaml:1:17: schema_version: 1 does not match schema_version 2 of v2.yaml");
        }
    }

    TEST_CASE("--set assigns into the tree and positions values in the argument") {
        Node root = parse_document("a: 1\nlist: [{k: 1}, {k: 2}]\nm: {x: 1}\nempty:\n", "s.yaml");
        SUBCASE("an existing key keeps its key position and gets the new value") {
            apply_override(root, "a=2");
            CHECK(root.find("a")->text == "2");
            CHECK(where(root.find_entry("a")->key_pos) == "s.yaml:1:1");
            CHECK(where(root.find("a")->pos) == "--set a=2:1:1");
        }
        SUBCASE("a list item through its index") {
            apply_override(root, "list[1].k=20");
            CHECK(canonical_text(*root.find("list")) == R"([{"k":"1"},{"k":"20"}])");
        }
        SUBCASE("a path through missing entries creates them") {
            apply_override(root, "m.y.z=3");
            apply_override(root, "empty.w=4");
            CHECK(
                canonical_text(root) ==
                R"({"a":"1","list":[{"k":"1"},{"k":"2"}],"m":{"x":"1","y":{"z":"3"}},"empty":{"w":"4"}})");
            CHECK(where(root.find("m")->find_entry("y")->key_pos) == "--set m.y.z=3:1:1");
        }
        SUBCASE("the value is YAML, positioned within its own text") {
            apply_override(root, "list=[{k: 7}, {k: 8}]");
            CHECK(canonical_text(*root.find("list")) == R"([{"k":"7"},{"k":"8"}])");
            CHECK(where(root.find("list")->items[1].find("k")->pos) ==
                  "--set list=[{k: 7}, {k: 8}]:1:14");
        }
        SUBCASE("a null value removes the entry") {
            apply_override(root, "m=~");
            apply_override(root, "a=");
            CHECK(root.find("m") == nullptr);
            CHECK(root.find("a") == nullptr);
        }
    }

    TEST_CASE("--set refuses what it cannot assign") {
        Node root = parse_document("a: 1\nlist: [{k: 1}, {k: 2}]\n", "s.yaml");
        auto problem = [&](const std::string& argument) {
            return error_of([&] { apply_override(root, argument); });
        };
        CHECK(
            problem("list[2].k=3") ==
            "--set list[2].k=3:1:1: list[2]: index 2 is past the end of the list (it has 2 items)");
        CHECK(problem("a.b=3") == "--set a.b=3:1:1: a.b: a is '1', not a map");
        CHECK(problem("a[0]=3") == "--set a[0]=3:1:1: a[0]: a is '1', not a list");
        CHECK(problem("noequals") ==
              "--set noequals:1:1: expected PATH=VALUE, e.g. patrols.policy=coverage");
        CHECK(problem("a..b=1") ==
              "--set a..b=1:1:1: 'a..b' is not a path (write keys separated by dots and list "
              "indices in brackets, e.g. contingents.kenya.waves[0].officers)");
        CHECK(problem("list[x]=1").find("'list[x]' is not a path") != std::string::npos);
        CHECK(problem("a=[1, 2") ==
              "--set a=[1, 2:1:1: YAML syntax error: end of sequence flow not found");
    }

    TEST_CASE("the hash depends on content only, not on where it was written") {
        const Node one = parse_document("a: 1\nb: [x, y]\n", "one.yaml");
        const Node two = parse_document("# other file\na:   1\nb:\n  - x\n  - y\n", "two.yaml");
        const Node other = parse_document("a: 1\nb: [x, z]\n", "one.yaml");
        CHECK(canonical_text(one) == R"({"a":"1","b":["x","y"]})");
        CHECK(hash(one) == hash(two));
        CHECK(hash(one) != hash(other));
        CHECK(canonical_text(parse_document("q: \"say \\\"hi\\\"\\n\"\n", "t.yaml")) ==
              R"({"q":"say \"hi\"\u000a"})");
    }

    TEST_CASE("values are shown in messages on one short line") {
        CHECK(describe(parse_document("a: x", "t.yaml")) == "a map");
        CHECK(describe(parse_document("[1]", "t.yaml")) == "a list");
        CHECK(describe(Node{}) == "nothing");
        CHECK(quote_text("two\nlines") == "'two\\nlines'");
        CHECK(quote_text(std::string(100, 'x')) == "'" + std::string(60, 'x') + "...'");
        // Cut before a character that would straddle the limit, not inside it.
        CHECK(quote_text(std::string(59, 'x') + "\xc3\xa9") == "'" + std::string(59, 'x') + "...'");
    }

    TEST_CASE("a quoted value with no closing quote is refused where it opens") {
        // yaml-cpp itself would end the value at the end of the text.
        CHECK(parse_error("a: \"open\nb: 2\n") ==
              "t.yaml:1:4: a quoted value with no closing \" (it runs to the end of the text)");
        CHECK(parse_error("a: 1\nb: 'it''s\n") ==
              "t.yaml:2:4: a quoted value with no closing ' (it runs to the end of the text)");
        CHECK(parse_error("a: [\"x\\\"]\n") ==
              "t.yaml:1:5: a quoted value with no closing \" (it runs to the end of the text)");
        const Node closed = parse_document(
            "\xEF\xBB\xBF\"k\": 'it''s'\nq: \"say \\\"hi\\\"\"\nb: |\n  \"\n", "t.yaml");
        CHECK(canonical_text(closed) == R"({"k":"it's","q":"say \"hi\"","b":"\"\u000a"})");
    }

    TEST_CASE("a null that removes nothing is set aside, so its key can still be checked") {
        const Node parent = parse_document("a: 1\nm: {x: 1}\n", "p.yaml");
        const Node child = parse_document("a: ~\ntypo:\nm: {x: ~, y: ~}\n", "c.yaml");
        Node merged = merge_documents(parent, child);
        drop_null_entries(merged);
        CHECK(canonical_text(merged) == R"({"m":{}})");
        REQUIRE(merged.dropped_entries.size() == 1);  // `a: ~` removed the parent's a
        CHECK(merged.dropped_entries[0].key == "typo");
        CHECK(where(merged.dropped_entries[0].key_pos) == "c.yaml:2:1");
        REQUIRE(merged.find("m")->dropped_entries.size() == 1);
        CHECK(merged.find("m")->dropped_entries[0].key == "y");
    }

}  // TEST_SUITE
