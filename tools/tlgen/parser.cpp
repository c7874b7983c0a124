#include "parser.hpp"

#include <array>
#include <cctype>
#include <set>
#include <sstream>
#include <stdexcept>

namespace tlgen {
namespace {

std::vector<std::string> split_ws(std::string_view s) {
    std::vector<std::string> out;
    std::istringstream in{std::string(s)};
    std::string tok;
    while (in >> tok) out.push_back(tok);
    return out;
}

bool starts_lower(std::string_view name) {
    auto dot = name.rfind('.');
    auto last = dot == std::string_view::npos ? name : name.substr(dot + 1);
    return !last.empty() && std::islower(static_cast<unsigned char>(last[0]));
}

// Statements that define TL's built-in types; the generator maps those to C++ types itself.
bool is_builtin_result(const std::string& result) {
    static const std::set<std::string> builtin = {"Int",  "Long",   "Double", "String", "Bool",
                                                  "True", "Int128", "Int256", "Null",   "Vector t"};
    return builtin.count(result) != 0;
}

TypeRef parse_type(const std::string& s, const std::set<std::string>& generics) {
    TypeRef t;
    using K = TypeRef::Kind;
    if (s.empty()) throw std::runtime_error("empty type");
    if (s[0] == '!') {
        t.kind = K::Raw;
        return t;
    }
    if (s[0] == '%') {
        t.kind = K::Bare;
        t.name = s.substr(1);
        return t;
    }
    auto lt = s.find('<');
    if (lt != std::string::npos) {
        auto base = s.substr(0, lt);
        if ((base != "Vector" && base != "vector") || s.back() != '>')
            throw std::runtime_error("unsupported generic type " + s);
        t.kind = K::Vector;
        t.boxed_vector = base == "Vector";
        t.elem =
            std::make_shared<TypeRef>(parse_type(s.substr(lt + 1, s.size() - lt - 2), generics));
        return t;
    }
    static const std::map<std::string, K> builtins = {
        {"int", K::Int},     {"long", K::Long},     {"double", K::Double}, {"string", K::String},
        {"bytes", K::Bytes}, {"int128", K::Int128}, {"int256", K::Int256}, {"Bool", K::Bool},
        {"true", K::True},   {"#", K::FlagsWord},   {"Object", K::Raw},
    };
    if (auto it = builtins.find(s); it != builtins.end()) {
        t.kind = it->second;
        return t;
    }
    if (generics.count(s)) {
        t.kind = K::Raw;
        return t;
    }
    t.kind = starts_lower(s) ? K::Bare : K::Named;
    t.name = s;
    return t;
}

Combinator parse_statement(const std::string& stmt, bool functions) {
    auto eq = stmt.find(" = ");
    if (eq == std::string::npos) throw std::runtime_error("missing ' = ' in: " + stmt);
    auto lhs = split_ws(std::string_view(stmt).substr(0, eq));
    std::string result;
    for (auto& tok : split_ws(std::string_view(stmt).substr(eq + 3)))
        result += (result.empty() ? "" : " ") + tok;

    Combinator c;
    c.is_function = functions;
    const std::string& head = lhs.at(0);
    auto hash = head.find('#');
    c.tl_name = head.substr(0, hash);
    if (hash != std::string::npos) {
        c.id = static_cast<std::uint32_t>(std::stoul(head.substr(hash + 1), nullptr, 16));
    } else {
        c.id = crc32(normalized_for_id(stmt));
    }

    std::set<std::string> generics;
    for (std::size_t i = 1; i < lhs.size(); ++i) {
        const std::string& tok = lhs[i];
        if (tok.front() == '{') {
            auto colon = tok.find(':');
            generics.insert(tok.substr(1, colon - 1));
            continue;
        }
        auto colon = tok.find(':');
        if (colon == std::string::npos)
            throw std::runtime_error("bad field '" + tok + "' in: " + stmt);
        Field f;
        f.name = tok.substr(0, colon);
        std::string type = tok.substr(colon + 1);
        auto q = type.find('?');
        if (q != std::string::npos) {
            auto dot = type.find('.');
            if (dot == std::string::npos || dot > q)
                throw std::runtime_error("bad conditional field in: " + stmt);
            f.flag_word = type.substr(0, dot);
            f.bit = std::stoi(type.substr(dot + 1, q - dot - 1));
            type = type.substr(q + 1);
        }
        f.type = parse_type(type, generics);
        c.fields.push_back(std::move(f));
    }
    // `bytes:int body:Object` (MTProto's message): the int is body's length.
    for (std::size_t i = 0; i + 1 < c.fields.size(); ++i) {
        if (c.fields[i].name == "bytes" && c.fields[i].type.kind == TypeRef::Kind::Int &&
            c.fields[i + 1].type.kind == TypeRef::Kind::Raw && c.fields[i + 1].flag_word.empty()) {
            c.fields[i].is_length_of_next = true;
            c.fields[i + 1].length_delimited = true;
        }
    }
    if (functions) {
        c.result = parse_type(result.find(' ') == std::string::npos ? result : "?", generics);
    } else {
        c.type_name = result;
    }
    return c;
}

void check_ref(const Schema& s, const TypeRef& t, const std::string& where) {
    switch (t.kind) {
        case TypeRef::Kind::Named:
            if (!s.types.count(t.name))
                throw std::runtime_error(where + ": type " + t.name + " has no constructor");
            break;
        case TypeRef::Kind::Bare: {
            bool found = false;
            for (auto& c : s.constructors) found = found || c.tl_name == t.name;
            if (!found) throw std::runtime_error(where + ": no constructor " + t.name);
            break;
        }
        case TypeRef::Kind::Vector:
            check_ref(s, *t.elem, where);
            break;
        default:
            break;
    }
}

}  // namespace

Combinator parse_constructor(const std::string& statement) {
    return parse_statement(statement, false);
}

std::uint32_t crc32(std::string_view data) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xffffffffu;
    for (unsigned char ch : data) crc = table[(crc ^ ch) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

std::string normalized_for_id(std::string_view statement) {
    auto toks = split_ws(statement);
    std::string out;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        std::string tok = toks[i];
        if (i == 0) tok = tok.substr(0, tok.find('#'));
        if (!tok.empty() && tok.back() == ';') tok.pop_back();
        if (tok.empty()) continue;
        if (tok.front() == '{' && tok.back() == '}') tok = tok.substr(1, tok.size() - 2);
        if (tok.find("?true") != std::string::npos && tok.find(":flags") != std::string::npos)
            continue;
        for (const char* from : {":bytes", "?bytes"}) {
            auto p = tok.find(from);
            if (p != std::string::npos && p + 6 == tok.size())
                tok = tok.substr(0, p + 1) + "string";
        }
        std::string cleaned;
        for (char ch : tok) {
            if (ch == '<')
                cleaned += ' ';
            else if (ch != '>' && ch != '%')
                cleaned += ch;
        }
        out += (out.empty() ? "" : " ") + cleaned;
    }
    return out;
}

Schema parse_schema(std::string_view text) {
    Schema s;
    bool functions = false;
    std::string stmt;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (auto c = line.find("//"); c != std::string::npos) line.erase(c);
        auto toks = split_ws(line);
        if (toks.empty()) continue;
        if (toks.size() == 1 && toks[0] == "---functions---") {
            functions = true;
            continue;
        }
        if (toks.size() == 1 && toks[0] == "---types---") {
            functions = false;
            continue;
        }
        for (auto& t : toks) stmt += (stmt.empty() ? "" : " ") + t;
        if (stmt.back() != ';') continue;
        stmt.pop_back();
        std::string body = stmt;
        stmt.clear();
        // Built-in definitions (`int ? = Int`, `vector {t:Type} # [ t ] = Vector t`, Bool, true).
        auto eq = body.find(" = ");
        if (!functions && eq != std::string::npos && is_builtin_result(body.substr(eq + 3)))
            continue;
        if (body.find(" ? ") != std::string::npos || body.find('[') != std::string::npos) continue;
        Combinator c = parse_statement(body, functions);
        if (functions) {
            s.functions.push_back(std::move(c));
        } else {
            if (!s.types.count(c.type_name)) s.type_order.push_back(c.type_name);
            s.types[c.type_name].push_back(s.constructors.size());
            s.constructors.push_back(std::move(c));
        }
    }
    if (!stmt.empty()) throw std::runtime_error("unterminated statement: " + stmt);
    for (auto* list : {&s.constructors, &s.functions})
        for (auto& c : *list) {
            for (auto& f : c.fields) check_ref(s, f.type, c.tl_name);
            if (c.is_function) check_ref(s, c.result, c.tl_name);
        }
    return s;
}

}  // namespace tlgen
