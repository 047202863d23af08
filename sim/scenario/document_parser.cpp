// Builds a Node tree from yaml-cpp's event stream. yaml-cpp's own Node API
// would lose the file name, expand aliases without limit and recurse without
// our depth limit, so the tree is assembled here, one event at a time, with
// every limit checked as the event arrives (a hostile file fails at the first
// event past a limit, not after it has been expanded).

#include "mmsim/document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "kernel/text_file.hpp"

namespace mmsim {
namespace {

SourcePos position(const std::string& file, const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

// What is wrong with a scalar's text, if anything: its first control
// character ("control character 0x1B", C1 ones as "U+0085"), or a byte that
// is not UTF-8. The file check sees raw bytes only, and YAML's escapes
// ("\\e", "\\0", "\\x07", "\\N") make them inside a quoted string. Tab and
// line feed are text; anything else would reach a terminal or report.html.
std::optional<std::string> control_character_in(const std::string& text) {
    static const char* const kDigits = "0123456789ABCDEF";
    auto hex = [](unsigned value) {
        return std::string(1, kDigits[(value >> 4) & 0xF]) + kDigits[value & 0xF];
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F)
                return "control character 0x" + hex(byte);
            ++i;
            continue;
        }
        const std::size_t length = byte >= 0xC2 && byte <= 0xDF   ? 2
                                   : byte >= 0xE0 && byte <= 0xEF ? 3
                                   : byte >= 0xF0 && byte <= 0xF4 ? 4
                                                                  : 0;
        bool whole = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; whole && k < length; ++k)
            whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (!whole) return "invalid UTF-8 byte 0x" + hex(byte);
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (byte == 0xC2 && next <= 0x9F) return "control character U+00" + hex(next);
        i += length;
    }
    return std::nullopt;
}

// What a subtree costs against the budgets; measured once when it gets an
// anchor, so that every alias to it is charged before it is copied.
struct Extent {
    std::size_t nodes = 0;
    std::size_t scalar_bytes = 0;
    int height = 0;  // nesting levels of maps and lists (0 for a scalar)
};

Extent measure(const Node& node) {
    Extent extent{1, node.text.size(), node.is_map() || node.is_sequence() ? 1 : 0};
    auto add_child = [&extent](const Node& child) {
        Extent sub = measure(child);
        extent.nodes += sub.nodes;
        extent.scalar_bytes += sub.scalar_bytes;
        extent.height = std::max(extent.height, sub.height + 1);
    };
    for (const MapEntry& entry : node.entries) {
        extent.nodes += 1;  // the key
        extent.scalar_bytes += entry.key.size();
        add_child(entry.value);
    }
    for (const Node& item : node.items)
        add_child(item);
    return extent;
}

// yaml-cpp ends a quoted scalar silently at the end of the input, so a missing
// closing quote would swallow the rest of the file into one value and leave
// only puzzling "missing key" messages. True when the quote opened at `open`
// is closed.
bool quote_closed(std::string_view text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;  // an escaped character, perhaps a quote
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;  // '' is a quote inside a single-quoted scalar
                continue;
            }
            return true;
        }
    }
    return false;
}

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::string_view text, const std::string& file) : text_(text), file_(file) {}

    /// The document's value; an empty document is a null at 1:1.
    Node take_root() {
        if (root_.pos.line == 0) root_.pos = SourcePos{file_, 1, 1};
        return std::move(root_);
    }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ > 1)
            fail(position(file_, mark), "a second YAML document starts here (only one is allowed)");
    }
    void OnDocumentEnd() override {}

    void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (over_budget({1, 0, 0})) fail_budget(position(file_, mark));
        remember_anchor(anchor);
        Node node;
        node.pos = position(file_, mark);
        add(std::move(node), anchor);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_quote_closed(mark, tag);
        if (value.size() > kMaxScalarBytes)
            fail(position(file_, mark),
                 "a value longer than " + std::to_string(kMaxScalarBytes) + " bytes (the limit)");
        if (over_budget({1, value.size(), 0})) fail_budget(position(file_, mark));
        if (const std::optional<std::string> problem = control_character_in(value))
            fail(position(file_, mark),
                 *problem + " in a value (text may hold tabs and line breaks, but no other control "
                     "character: escapes such as \\e or \\0 included)");
        remember_anchor(anchor);
        Node node;
        node.kind = Node::Kind::scalar;
        node.text = value;
        node.pos = position(file_, mark);
        add(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(Node::Kind::sequence, mark, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(Node::Kind::map, mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    // A map or list still being read.
    struct Frame {
        Node node;
        YAML::anchor_t anchor = 0;
        bool has_key = false;  // a map key was read; its value comes next
        std::string key;
        SourcePos key_pos;
        std::unordered_map<std::string, int> key_lines;  // duplicate-key check
    };
    struct Anchor {
        std::string name;
        bool complete = false;  // false while its own content is being read
        Node node;
        Extent extent;
    };

    void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor);
    void close();
    void add(Node node, YAML::anchor_t anchor);
    void add_key(Frame& frame, Node key);
    bool over_budget(const Extent& extent);
    [[noreturn]] void fail_budget(const SourcePos& pos) const;
    void remember_anchor(YAML::anchor_t anchor);
    void check_quote_closed(const YAML::Mark& mark, const std::string& tag) const;
    std::string current_path() const;
    [[noreturn]] void fail(const SourcePos& pos, const std::string& message) const {
        throw ScenarioError(pos, message);
    }

    std::string_view text_;
    std::string file_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Anchor> anchors_;
    std::string anchor_name_;  // from OnAnchor, for the node event that follows
    Node root_;
    int documents_ = 0;
    std::size_t nodes_ = 0;
    std::size_t scalar_bytes_ = 0;
    std::size_t alias_nodes_ = 0;
};

bool TreeBuilder::over_budget(const Extent& extent) {
    nodes_ += extent.nodes;
    scalar_bytes_ += extent.scalar_bytes;
    return nodes_ > kMaxDocumentNodes || scalar_bytes_ > kMaxDocumentScalarBytes;
}

void TreeBuilder::fail_budget(const SourcePos& pos) const {
    if (nodes_ > kMaxDocumentNodes)
        fail(pos, "more than " + std::to_string(kMaxDocumentNodes) +
                      " values once aliases are expanded (the limit)");
    fail(pos, "more than " + std::to_string(kMaxDocumentScalarBytes) +
                  " bytes of text once aliases are expanded (the limit)");
}

void TreeBuilder::remember_anchor(YAML::anchor_t anchor) {
    if (anchor == 0) return;
    anchors_[anchor] = Anchor{anchor_name_, false, Node{}, Extent{}};
    anchor_name_.clear();
}

void TreeBuilder::check_quote_closed(const YAML::Mark& mark, const std::string& tag) const {
    // yaml-cpp tags every quoted or block scalar "!" and marks it at its first
    // character: the quote.
    if (tag != "!" || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
    const auto open = static_cast<std::size_t>(mark.pos);
    if (text_[open] != '"' && text_[open] != '\'') return;
    if (!quote_closed(text_, open))
        fail(position(file_, mark), std::string("a quoted value with no closing ") + text_[open] +
                                        " (it runs to the end of the text)");
}

void TreeBuilder::open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (stack_.size() >= static_cast<std::size_t>(kMaxDocumentDepth))
        fail(position(file_, mark),
             "nesting deeper than " + std::to_string(kMaxDocumentDepth) + " levels (the limit)");
    if (over_budget({1, 0, 1})) fail_budget(position(file_, mark));
    remember_anchor(anchor);
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = position(file_, mark);
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
}

void TreeBuilder::close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(frame.node), frame.anchor);
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
    auto found = anchors_.find(anchor);
    if (found == anchors_.end()) fail(position(file_, mark), "alias to an undefined anchor");
    const Anchor& target = found->second;
    if (!target.complete)
        fail(position(file_, mark),
             "alias '*" + target.name + "' is inside the value it refers to");
    if (stack_.size() + static_cast<std::size_t>(target.extent.height) >
        static_cast<std::size_t>(kMaxDocumentDepth))
        fail(position(file_, mark), "nesting deeper than " + std::to_string(kMaxDocumentDepth) +
                                        " levels once alias '*" + target.name +
                                        "' is expanded (the limit)");
    alias_nodes_ += target.extent.nodes;
    if (alias_nodes_ > kMaxAliasNodes)
        fail(position(file_, mark), "aliases expand to more than " +
                                        std::to_string(kMaxAliasNodes) + " values (the limit)");
    if (over_budget(target.extent)) fail_budget(position(file_, mark));
    add(target.node, 0);
}

void TreeBuilder::add(Node node, YAML::anchor_t anchor) {
    if (anchor != 0) {  // registered by remember_anchor when the value began
        Anchor& target = anchors_[anchor];
        target.extent = measure(node);
        // The stored copy costs like any other value.
        if (over_budget(target.extent)) fail_budget(node.pos);
        target.node = node;
        target.complete = true;
    }
    if (stack_.empty()) {
        root_ = std::move(node);
        return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
        top.node.items.push_back(std::move(node));
    } else if (!top.has_key) {
        add_key(top, std::move(node));
    } else {
        top.node.entries.push_back(MapEntry{std::move(top.key), top.key_pos, std::move(node)});
        top.has_key = false;
    }
}

void TreeBuilder::add_key(Frame& frame, Node key) {
    if (!key.is_scalar()) fail(key.pos, "a map key must be a plain string, got " + describe(key));
    auto [previous, inserted] = frame.key_lines.emplace(key.text, key.pos.line);
    if (!inserted) {
        std::string where = current_path();
        fail(key.pos, "duplicate key '" + key.text + "'" + (where.empty() ? "" : " in " + where) +
                          " (first written on line " + std::to_string(previous->second) + ")");
    }
    frame.key = std::move(key.text);
    frame.key_pos = key.pos;
    frame.has_key = true;
}

// The dotted path of the map on top of the stack, for messages.
std::string TreeBuilder::current_path() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
        const Frame& frame = stack_[i];
        if (frame.node.is_sequence()) {
            path += "[" + std::to_string(frame.node.items.size()) + "]";
        } else {
            if (!path.empty()) path += '.';
            path += frame.key;
        }
    }
    return path;
}

}  // namespace

Node parse_document(std::string_view text, const std::string& file) {
    detail::check_plain_text(text, file);
    std::istringstream input{std::string(text)};
    YAML::Parser parser(input);
    TreeBuilder builder(text, file);
    try {
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::DeepRecursion& e) {
        throw ScenarioError(
            position(file, e.mark),
            "nesting deeper than " + std::to_string(kMaxDocumentDepth) + " levels (the limit)");
    } catch (const YAML::Exception& e) {
        throw ScenarioError(position(file, e.mark), "YAML syntax error: " + e.msg);
    }
    return builder.take_root();
}

Node load_document(const std::string& path) {
    std::string problem;
    std::optional<std::string> text = detail::read_text_file(path, problem, kMaxDocumentBytes);
    if (!text) throw ScenarioError(SourcePos{path, 0, 0}, "cannot read file: " + problem);
    return parse_document(*text, path);
}

}  // namespace mmsim
