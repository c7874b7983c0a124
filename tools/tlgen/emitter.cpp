#include "emitter.hpp"

#include <cstdio>
#include <functional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace tlgen {
namespace {

using K = TypeRef::Kind;

const std::set<std::string>& cpp_keywords() {
    static const std::set<std::string> k = {"alignas",       "alignof",     "and",
                                            "and_eq",        "asm",         "auto",
                                            "bitand",        "bitor",       "bool",
                                            "break",         "case",        "catch",
                                            "char",          "char8_t",     "char16_t",
                                            "char32_t",      "class",       "compl",
                                            "concept",       "const",       "consteval",
                                            "constexpr",     "constinit",   "const_cast",
                                            "continue",      "co_await",    "co_return",
                                            "co_yield",      "decltype",    "default",
                                            "delete",        "do",          "double",
                                            "dynamic_cast",  "else",        "enum",
                                            "explicit",      "export",      "extern",
                                            "false",         "float",       "for",
                                            "friend",        "goto",        "if",
                                            "inline",        "int",         "long",
                                            "mutable",       "namespace",   "new",
                                            "noexcept",      "not",         "not_eq",
                                            "nullptr",       "operator",    "or",
                                            "or_eq",         "private",     "protected",
                                            "public",        "register",    "reinterpret_cast",
                                            "requires",      "return",      "short",
                                            "signed",        "sizeof",      "static",
                                            "static_assert", "static_cast", "struct",
                                            "switch",        "template",    "this",
                                            "thread_local",  "throw",       "true",
                                            "try",           "typedef",     "typeid",
                                            "typename",      "union",       "unsigned",
                                            "using",         "virtual",     "void",
                                            "volatile",      "wchar_t",     "while",
                                            "xor",           "xor_eq",      "final",
                                            "override",      "ID",          "TL_NAME",
                                            "Result"};
    return k;
}

std::string ident(const std::string& tl_name) {
    std::string out = tl_name;
    for (auto& ch : out)
        if (ch == '.') ch = '_';
    if (cpp_keywords().count(out)) out += '_';
    return out;
}

std::string hex_id(std::uint32_t id) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", id);
    return buf;
}

class Emitter {
  public:
    Emitter(Schema& s, std::string ns, std::string schema_name)
        : s_(s), ns_(std::move(ns)), schema_name_(std::move(schema_name)) {}

    Output run() {
        order_types();
        Output out;
        out.header = header();
        out.source = source();
        return out;
    }

  private:
    const Combinator& bare_ctor(const std::string& name) const {
        for (auto& c : s_.constructors)
            if (c.tl_name == name) return c;
        auto it = s_.types.find(name);  // `%Type` names the type's only constructor
        if (it != s_.types.end() && it->second.size() == 1)
            return s_.constructors[it->second.front()];
        throw std::runtime_error("no bare constructor for " + name);
    }

    // Members may share a struct's name (`username username;`), so members name types fully.
    std::string qualified(const std::string& tl_name) const {
        return "::tgs::tl::" + ns_ + "::" + ident(tl_name);
    }

    bool emits_alias(const std::string& type) const { return type != "Object"; }

    // ---- ordering: every struct after the types it holds by value --------------------------
    void order_types() {
        for (auto& t : s_.type_order) visit(t);
    }

    void visit(const std::string& type) {
        auto& st = state_[type];
        if (st == 2) return;
        st = 1;
        for (auto idx : s_.types.at(type))
            for (auto& f : s_.constructors[idx].fields) deps(f.type);
        state_[type] = 2;
        ordered_.push_back(type);
    }

    void deps(TypeRef& t) {
        if (t.kind == K::Vector) return deps(*t.elem);
        std::string dep;
        if (t.kind == K::Named) dep = t.name;
        if (t.kind == K::Bare) dep = bare_ctor(t.name).type_name;
        if (dep.empty()) return;
        int st = state_[dep];
        if (st == 1) {
            if (t.kind != K::Named) throw std::runtime_error("recursive bare reference " + t.name);
            t.via_box = true;
        } else if (st == 0) {
            visit(dep);
        }
    }

    // ---- C++ types ---------------------------------------------------------------------------
    std::string cpp_type(const TypeRef& t) const {
        switch (t.kind) {
            case K::Int:
                return "std::int32_t";
            case K::Long:
                return "std::int64_t";
            case K::Double:
                return "double";
            case K::String:
                return "std::string";
            case K::Bytes:
                return "::tgs::Bytes";
            case K::Int128:
                return "::tgs::Int128";
            case K::Int256:
                return "::tgs::Int256";
            case K::Bool:
            case K::True:
                return "bool";
            case K::Raw:
                return "::tgs::tl::RawObject";
            case K::Named:
                return t.via_box ? "::tgs::tl::Box<" + qualified(t.name) + ">" : qualified(t.name);
            case K::Bare:
                return qualified(bare_ctor(t.name).tl_name);
            case K::Vector:
                return "std::vector<" + cpp_type(*t.elem) + ">";
            case K::FlagsWord:
                break;
        }
        throw std::runtime_error("no C++ type for a flags word");
    }

    static bool stored(const Field& f) {
        return f.type.kind != K::FlagsWord && !f.is_length_of_next;
    }

    std::string member_type(const Field& f) const {
        if (!f.flag_word.empty() && f.type.kind != K::True)
            return "std::optional<" + cpp_type(f.type) + ">";
        return cpp_type(f.type);
    }

    static bool needs_init(const Field& f) {
        if (!f.flag_word.empty()) return f.type.kind == K::True;
        switch (f.type.kind) {
            case K::Int:
            case K::Long:
            case K::Double:
            case K::Int128:
            case K::Int256:
            case K::Bool:
            case K::True:
                return true;
            default:
                return false;
        }
    }

    // ---- header ------------------------------------------------------------------------------
    void struct_def(std::ostringstream& o, const Combinator& c) const {
        std::string name = ident(c.tl_name);
        o << "struct " << name << " {\n";
        o << "    static constexpr std::uint32_t ID = " << hex_id(c.id) << ";\n";
        o << "    static constexpr const char* TL_NAME = \"" << c.tl_name << "\";\n";
        if (c.is_function) o << "    using Result = " << cpp_type(c.result) << ";\n";
        for (auto& f : c.fields) {
            if (!stored(f)) continue;
            o << "    " << member_type(f) << " " << ident(f.name) << (needs_init(f) ? "{}" : "")
              << ";\n";
        }
        // Declared here, defaulted after every struct (equality_defs): clang instantiates an
        // in-class defaulted == at once, and a member Box<V> whose variant V names a struct
        // defined further down is then compared while that struct is still incomplete.
        o << "    bool operator==(const " << qualified(c.tl_name) << "&) const;\n";
        o << "};\n\n";
    }

    std::string header() {
        std::ostringstream o;
        o << "// Generated by tools/tlgen from lib/tl/schema/" << schema_name_
          << ". Do not edit.\n#pragma once\n\n"
          << "#include <cstdint>\n#include <optional>\n#include <string>\n#include <variant>\n"
          << "#include <vector>\n\n#include \"tgs/bytes.hpp\"\n#include \"tgs/tl/box.hpp\"\n"
          << "#include \"tgs/tl/raw_object.hpp\"\n#include \"tgs/tl/reader.hpp\"\n"
          << "#include \"tgs/tl/writer.hpp\"\n\n"
          << "namespace tgs::tl::" << ns_ << " {\n\n";
        for (auto& c : s_.constructors) o << "struct " << ident(c.tl_name) << ";\n";
        o << "\n";
        for (auto& t : s_.type_order) {
            if (!emits_alias(t)) continue;
            o << "using " << ident(t) << " = std::variant<";
            bool first = true;
            for (auto idx : s_.types.at(t)) {
                o << (first ? "" : ", ") << ident(s_.constructors[idx].tl_name);
                first = false;
            }
            o << ">;\n";
        }
        o << "\n// Constructors, each after the types it holds.\n\n";
        for (auto& t : ordered_)
            for (auto idx : s_.types.at(t)) struct_def(o, s_.constructors[idx]);
        o << "// Functions.\n\n";
        for (auto& f : s_.functions) struct_def(o, f);
        o << "// Member-wise equality, defaulted once every struct is complete.\n\n";
        auto equality_def = [&](const Combinator& c) {
            // Qualified: inside the class scope a member may share the struct's name (username).
            std::string n = qualified(c.tl_name);
            o << "inline bool " << n << "::operator==(const " << n << "&) const = default;\n";
        };
        for (auto& c : s_.constructors) equality_def(c);
        for (auto& f : s_.functions) equality_def(f);
        o << "\n";

        o << "template <class T>\nT read(::tgs::tl::Reader& r);\n"
          << "template <class T>\nT read_bare(::tgs::tl::Reader& r);\n"
          << "template <class F>\ntypename F::Result read_result(::tgs::tl::Reader& r);\n"
          << "template <class F>\nvoid write_result(::tgs::tl::Writer& w, const typename "
             "F::Result& v);\n\n";
        auto decl_struct = [&](const Combinator& c) {
            std::string n = ident(c.tl_name);
            o << "void write(::tgs::tl::Writer& w, const " << n << "& v);\n"
              << "void write_bare(::tgs::tl::Writer& w, const " << n << "& v);\n"
              << "template <>\n"
              << n << " read<" << n << ">(::tgs::tl::Reader& r);\n"
              << "template <>\n"
              << n << " read_bare<" << n << ">(::tgs::tl::Reader& r);\n";
            if (c.is_function)
                o << "template <>\n"
                  << n << "::Result read_result<" << n << ">(::tgs::tl::Reader& r);\n"
                  << "template <>\nvoid write_result<" << n << ">(::tgs::tl::Writer& w, const " << n
                  << "::Result& v);\n";
        };
        for (auto& c : s_.constructors) decl_struct(c);
        for (auto& c : s_.functions) decl_struct(c);
        for (auto& t : s_.type_order) {
            if (!emits_alias(t)) continue;
            std::string n = ident(t);
            o << "void write(::tgs::tl::Writer& w, const " << n << "& v);\n"
              << "template <>\n"
              << n << " read<" << n << ">(::tgs::tl::Reader& r);\n";
        }
        o << "\n/// Boxed serialization of any constructor, function or boxed type above.\n"
          << "template <class T>\n::tgs::Bytes serialize(const T& v) {\n"
          << "    ::tgs::tl::Writer w;\n    write(w, v);\n    return w.take();\n}\n\n"
          << "/// The TL name of a constructor or function id of this schema; nullptr if unknown.\n"
          << "const char* constructor_name(std::uint32_t id);\n\n"
          << "}  // namespace tgs::tl::" << ns_ << "\n";
        return o.str();
    }

    // ---- source ------------------------------------------------------------------------------
    std::string write_stmt(const TypeRef& t, const std::string& e, int depth) const {
        switch (t.kind) {
            case K::Int:
                return "w.write_int32(" + e + ");";
            case K::Long:
                return "w.write_int64(" + e + ");";
            case K::Double:
                return "w.write_double(" + e + ");";
            case K::String:
                return "w.write_string(" + e + ");";
            case K::Bytes:
                return "w.write_bytes(" + e + ");";
            case K::Int128:
                return "w.write_int128(" + e + ");";
            case K::Int256:
                return "w.write_int256(" + e + ");";
            case K::Bool:
                return "w.write_bool(" + e + ");";
            case K::True:
                return "";
            case K::Raw:
                return "w.write_raw(" + e + ".data);";
            case K::Named:
                return "write(w, " + std::string(t.via_box ? "*" : "") + e + ");";
            case K::Bare:
                return "write_bare(w, " + e + ");";
            case K::Vector: {
                std::string var = "e" + std::to_string(depth);
                std::string head = t.boxed_vector ? "w.write_vector_header(" + e + ".size());"
                                                  : "w.write_uint32(static_cast<std::uint32_t>(" +
                                                        e + ".size()));";
                return head + " for (const auto& " + var + " : " + e + ") { " +
                       write_stmt(*t.elem, var, depth + 1) + " }";
            }
            case K::FlagsWord:
                break;
        }
        throw std::runtime_error("cannot write a flags word as a value");
    }

    std::string read_stmt(const TypeRef& t, const std::string& e, int depth) const {
        switch (t.kind) {
            case K::Int:
                return e + " = r.read_int32();";
            case K::Long:
                return e + " = r.read_int64();";
            case K::Double:
                return e + " = r.read_double();";
            case K::String:
                return e + " = r.read_string();";
            case K::Bytes:
                return e + " = r.read_bytes();";
            case K::Int128:
                return e + " = r.read_int128();";
            case K::Int256:
                return e + " = r.read_int256();";
            case K::Bool:
                return e + " = r.read_bool();";
            case K::True:
                return "";
            case K::Raw:
                return e + " = ::tgs::tl::RawObject::copy_of(r.read_rest());";
            case K::Named:
                return e + " = " + (t.via_box ? cpp_type(t) + "(" : "") + "read<" + ident(t.name) +
                       ">(r)" + (t.via_box ? ")" : "") + ";";
            case K::Bare:
                return e + " = read_bare<" + cpp_type(t) + ">(r);";
            case K::Vector: {
                std::string n = "n" + std::to_string(depth), i = "i" + std::to_string(depth);
                return "{ const std::size_t " + n + " = " +
                       (t.boxed_vector ? "r.read_vector_header()" : "r.read_bare_vector_count()") +
                       "; " + e + ".clear(); for (std::size_t " + i + " = 0; " + i + " < " + n +
                       "; ++" + i + ") { " + e + ".emplace_back(); " +
                       read_stmt(*t.elem, e + ".back()", depth + 1) + " } }";
            }
            case K::FlagsWord:
                break;
        }
        throw std::runtime_error("cannot read a flags word as a value");
    }

    void struct_impl(std::ostringstream& o, const Combinator& c) const {
        std::string n = ident(c.tl_name);
        bool any_stored = false;
        for (auto& f : c.fields) any_stored = any_stored || stored(f) || f.is_length_of_next;
        bool any_fields = !c.fields.empty();
        // write_bare
        o << "void write_bare(" << (any_fields ? "" : "[[maybe_unused]] ")
          << "::tgs::tl::Writer& w, " << (any_stored ? "" : "[[maybe_unused]] ") << "const " << n
          << "& v) {\n";
        for (auto& f : c.fields) {
            if (f.type.kind != K::FlagsWord) continue;
            o << "    std::uint32_t fw_" << f.name << " = 0;\n";
            for (auto& g : c.fields) {
                if (g.flag_word != f.name) continue;
                std::string cond =
                    "v." + ident(g.name) + (g.type.kind == K::True ? "" : ".has_value()");
                o << "    if (" << cond << ") fw_" << f.name << " |= 1u << " << g.bit << ";\n";
            }
        }
        for (std::size_t i = 0; i < c.fields.size(); ++i) {
            auto& f = c.fields[i];
            std::string m = "v." + ident(f.name);
            if (f.type.kind == K::FlagsWord) {
                o << "    w.write_uint32(fw_" << f.name << ");\n";
            } else if (f.is_length_of_next) {
                o << "    w.write_int32(static_cast<std::int32_t>(v." << ident(c.fields[i + 1].name)
                  << ".data.size()));\n";
            } else if (!f.flag_word.empty()) {
                if (f.type.kind != K::True)
                    o << "    if (" << m << ") { " << write_stmt(f.type, "(*" + m + ")", 0)
                      << " }\n";
            } else {
                o << "    " << write_stmt(f.type, m, 0) << "\n";
            }
        }
        o << "}\n\n";
        o << "void write(::tgs::tl::Writer& w, const " << n << "& v) {\n"
          << "    w.write_uint32(" << n << "::ID);\n    write_bare(w, v);\n}\n\n";
        // read_bare
        o << "template <>\n"
          << n << " read_bare<" << n << ">(" << (any_fields ? "" : "[[maybe_unused]] ")
          << "::tgs::tl::Reader& r) {\n    " << n << " v;\n";
        for (std::size_t i = 0; i < c.fields.size(); ++i) {
            auto& f = c.fields[i];
            std::string m = "v." + ident(f.name);
            if (f.type.kind == K::FlagsWord) {
                o << "    [[maybe_unused]] const std::uint32_t fw_" << f.name
                  << " = r.read_uint32();\n";
            } else if (f.is_length_of_next) {
                o << "    v." << ident(c.fields[i + 1].name)
                  << " = ::tgs::tl::read_length_delimited(r);\n";
                ++i;
            } else if (!f.flag_word.empty()) {
                std::string cond =
                    "(fw_" + f.flag_word + " & (1u << " + std::to_string(f.bit) + "))";
                if (f.type.kind == K::True)
                    o << "    " << m << " = " << cond << " != 0;\n";
                else
                    o << "    if " << cond << " { " << m << ".emplace(); "
                      << read_stmt(f.type, "(*" + m + ")", 0) << " }\n";
            } else {
                o << "    " << read_stmt(f.type, m, 0) << "\n";
            }
        }
        o << "    return v;\n}\n\n";
        o << "template <>\n"
          << n << " read<" << n << ">(::tgs::tl::Reader& r) {\n"
          << "    ::tgs::tl::expect_constructor(r, " << n << "::ID, " << n << "::TL_NAME);\n"
          << "    return read_bare<" << n << ">(r);\n}\n\n";
        if (c.is_function) {
            o << "template <>\n"
              << n << "::Result read_result<" << n << ">(::tgs::tl::Reader& r) {\n    " << n
              << "::Result v{};\n    " << read_stmt(c.result, "v", 0) << "\n    return v;\n}\n\n";
            o << "template <>\nvoid write_result<" << n << ">(::tgs::tl::Writer& w, const " << n
              << "::Result& v) {\n    " << write_stmt(c.result, "v", 0) << "\n}\n\n";
        }
    }

    std::string source() const {
        std::ostringstream o;
        o << "// Generated by tools/tlgen from lib/tl/schema/" << schema_name_
          << ". Do not edit.\n#include \"tgs/tl/" << ns_ << ".hpp\"\n\n"
          << "#include \"tgs/tl/generated_support.hpp\"\n\n"
          << "namespace tgs::tl::" << ns_ << " {\n\n";
        for (auto& c : s_.constructors) struct_impl(o, c);
        for (auto& c : s_.functions) struct_impl(o, c);
        for (auto& t : s_.type_order) {
            if (!emits_alias(t)) continue;
            std::string n = ident(t);
            o << "void write(::tgs::tl::Writer& w, const " << n << "& v) {\n"
              << "    std::visit([&w](const auto& c) { write(w, c); }, v);\n}\n\n";
            o << "template <>\n"
              << n << " read<" << n << ">(::tgs::tl::Reader& r) {\n"
              << "    const ::tgs::tl::Reader::Nesting nesting(r);  // bounds recursion\n"
              << "    const std::uint32_t id = r.read_uint32();\n    switch (id) {\n";
            for (auto idx : s_.types.at(t)) {
                std::string cn = ident(s_.constructors[idx].tl_name);
                o << "        case " << cn << "::ID: return read_bare<" << cn << ">(r);\n";
            }
            o << "        default: ::tgs::tl::throw_unknown_constructor(id, \"" << t << "\");\n"
              << "    }\n}\n\n";
        }
        o << "const char* constructor_name(std::uint32_t id) {\n    switch (id) {\n";
        std::set<std::uint32_t> seen;
        for (auto* list : {&s_.constructors, &s_.functions})
            for (auto& c : *list)
                if (seen.insert(c.id).second)
                    o << "        case " << hex_id(c.id) << ": return \"" << c.tl_name << "\";\n";
        o << "        default: return nullptr;\n    }\n}\n\n"
          << "}  // namespace tgs::tl::" << ns_ << "\n";
        return o.str();
    }

    Schema& s_;
    std::string ns_;
    std::string schema_name_;
    std::map<std::string, int> state_;  // 0 unseen, 1 in progress, 2 done
    std::vector<std::string> ordered_;
};

}  // namespace

Output emit(Schema& schema, const std::string& ns, const std::string& schema_name) {
    return Emitter(schema, ns, schema_name).run();
}

}  // namespace tlgen
