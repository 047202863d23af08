#include "mmsim/document.hpp"

#include <algorithm>
#include <cstdio>

namespace mmsim {

const MapEntry* Node::find_entry(std::string_view key) const {
    for (const MapEntry& entry : entries)
        if (entry.key == key) return &entry;
    return nullptr;
}

MapEntry* Node::find_entry(std::string_view key) {
    for (MapEntry& entry : entries)
        if (entry.key == key) return &entry;
    return nullptr;
}

const Node* Node::find(std::string_view key) const {
    const MapEntry* entry = find_entry(key);
    return entry ? &entry->value : nullptr;
}

Node* Node::find(std::string_view key) {
    MapEntry* entry = find_entry(key);
    return entry ? &entry->value : nullptr;
}

void Node::erase(std::string_view key) {
    std::erase_if(entries, [key](const MapEntry& entry) { return entry.key == key; });
}

std::string quote_text(std::string_view text) {
    // A message is one line, and a pasted paragraph must not drown it. The
    // cut backs off to a character boundary so the message stays UTF-8.
    std::size_t shown_bytes = std::min<std::size_t>(text.size(), 60);
    while (shown_bytes > 0 && shown_bytes < text.size() &&
           (static_cast<unsigned char>(text[shown_bytes]) & 0xC0) == 0x80)
        --shown_bytes;
    std::string shown;
    for (char c : text.substr(0, shown_bytes)) {
        if (c == '\n')
            shown += "\\n";
        else if (c == '\t')
            shown += "\\t";
        else if (c == '\r')
            shown += "\\r";
        else
            shown += c;
    }
    if (shown_bytes < text.size()) shown += "...";
    return "'" + shown + "'";
}

std::string describe(const Node& node) {
    switch (node.kind) {
        case Node::Kind::null: return "nothing";
        case Node::Kind::map: return "a map";
        case Node::Kind::sequence: return "a list";
        case Node::Kind::scalar: break;
    }
    return quote_text(node.text);
}

namespace {

void append_quoted(std::string& out, const std::string& text) {
    out += '"';
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

void append_canonical(std::string& out, const Node& node) {
    switch (node.kind) {
        case Node::Kind::null: out += "null"; return;
        case Node::Kind::scalar: append_quoted(out, node.text); return;
        case Node::Kind::map:
            out += '{';
            for (std::size_t i = 0; i < node.entries.size(); ++i) {
                if (i > 0) out += ',';
                append_quoted(out, node.entries[i].key);
                out += ':';
                append_canonical(out, node.entries[i].value);
            }
            out += '}';
            return;
        case Node::Kind::sequence:
            out += '[';
            for (std::size_t i = 0; i < node.items.size(); ++i) {
                if (i > 0) out += ',';
                append_canonical(out, node.items[i]);
            }
            out += ']';
            return;
    }
}

}  // namespace

std::string canonical_text(const Node& node) {
    std::string out;
    append_canonical(out, node);
    return out;
}

std::uint64_t hash(const Node& node) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
    for (char c : canonical_text(node)) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;  // FNV-1a 64 prime
    }
    return h;
}

}  // namespace mmsim
