// A document back as YAML (mmsim show), and two documents' differences path by
// path (mmsim diff, compare's explanations).

#include "mmsim/document.hpp"

#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>

#include <algorithm>

namespace mmsim {
namespace {

void emit(YAML::Emitter& out, const Node& node) {
    switch (node.kind) {
    case Node::Kind::null: out << YAML::Null; return;
    case Node::Kind::scalar: out << node.text; return;
    case Node::Kind::map:
        out << YAML::BeginMap;
        for (const MapEntry& entry : node.entries) {
            out << YAML::Key << entry.key << YAML::Value;
            emit(out, entry.value);
        }
        out << YAML::EndMap;
        return;
    case Node::Kind::sequence:
        out << YAML::BeginSeq;
        for (const Node& item : node.items) emit(out, item);
        out << YAML::EndSeq;
        return;
    }
}

// The value as one line for a difference: a scalar's text, else compact text.
std::string shown(const Node& node) { return node.is_scalar() ? node.text : canonical_text(node); }

void diff(const Node& a, const Node& b, const std::string& path, std::vector<DocumentChange>& out) {
    if (a.is_map() && b.is_map()) {
        for (const MapEntry& entry : a.entries) {
            const std::string at = path.empty() ? entry.key : path + "." + entry.key;
            if (const Node* other = b.find(entry.key))
                diff(entry.value, *other, at, out);
            else
                out.push_back({at, shown(entry.value), std::nullopt});
        }
        for (const MapEntry& entry : b.entries)
            if (a.find(entry.key) == nullptr)
                out.push_back({path.empty() ? entry.key : path + "." + entry.key, std::nullopt, shown(entry.value)});
        return;
    }
    if (a.is_sequence() && b.is_sequence()) {
        for (std::size_t i = 0; i < std::max(a.items.size(), b.items.size()); ++i) {
            const std::string at = path + "[" + std::to_string(i) + "]";
            if (i >= b.items.size())
                out.push_back({at, shown(a.items[i]), std::nullopt});
            else if (i >= a.items.size())
                out.push_back({at, std::nullopt, shown(b.items[i])});
            else
                diff(a.items[i], b.items[i], at, out);
        }
        return;
    }
    if (canonical_text(a) != canonical_text(b)) out.push_back({path, shown(a), shown(b)});
}

}  // namespace

std::string to_yaml(const Node& node) {
    YAML::Emitter out;
    out.SetIndent(2);
    emit(out, node);
    return std::string(out.c_str()) + "\n";
}

std::vector<DocumentChange> diff_documents(const Node& before, const Node& after) {
    std::vector<DocumentChange> out;
    diff(before, after, "", out);
    return out;
}

}  // namespace mmsim
