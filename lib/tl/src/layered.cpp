#include "tgs/tl/layered.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "tgs/error.hpp"
#include "tgs/tl/errors.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::tl::layered {

namespace {

constexpr std::uint32_t kVectorId = 0x1cb5c415;

[[noreturn]] void mismatch(const std::string& where, const std::string& what) {
    throw Error(errc::layer_type_mismatch, where + ": " + what);
}

const CtorVersion& require_version(std::string_view name, int layer) {
    const auto* v = version_at(name, layer);
    if (!v) {
        throw Error(errc::layer_unknown_constructor,
                    std::string(name) + " does not exist in layer " + std::to_string(layer));
    }
    return *v;
}

bool present(const Value& v) {
    if (std::holds_alternative<Absent>(v)) return false;
    if (const bool* b = std::get_if<bool>(&v)) return *b;  // a `true` flag set to false
    return true;
}

class Encoder {
  public:
    explicit Encoder(int layer) : layer_(layer) {}

    void object(Writer& w, const Obj& o, const char* expected_type) {
        const auto& v = require_version(o.name, layer_);
        if (expected_type && *expected_type && std::string_view(v.type) != expected_type) {
            mismatch(o.name, std::string("is a ") + v.type + ", not a " + expected_type);
        }
        w.write_uint32(v.id);
        std::map<std::string_view, std::uint32_t> words;
        for (std::size_t i = 0; i < v.field_count; ++i) {
            const auto& f = v.fields[i];
            auto it = o.fields.find(f.name);
            const Value absent;
            const Value& val = it == o.fields.end() ? absent : it->second;
            if (f.kind == Kind::Flags) {
                words[f.name] = flags_of(o, v, f.name);
                w.write_uint32(words[f.name]);
                continue;
            }
            if (*f.flag_word) {
                // Written when its bit is set, also by another field sharing the bit (then
                // with a zero value if this one is absent).
                const bool set = (words[f.flag_word] >> f.bit) & 1u;
                if (set && f.kind != Kind::True) field(w, o.name, f, f.kind, val);
                continue;
            }
            field(w, o.name, f, f.kind, val);
        }
    }

  private:
    static std::uint32_t flags_of(const Obj& o, const CtorVersion& v, std::string_view word) {
        std::uint32_t flags = 0;
        for (std::size_t i = 0; i < v.field_count; ++i) {
            const auto& f = v.fields[i];
            if (word != f.flag_word) continue;
            auto it = o.fields.find(f.name);
            if (it != o.fields.end() && present(it->second)) flags |= 1u << f.bit;
        }
        return flags;
    }

    void field(Writer& w, const std::string& owner, const FieldSpec& f, Kind kind,
               const Value& val) {
        const std::string where = owner + "." + f.name;
        const bool missing = std::holds_alternative<Absent>(val);
        switch (kind) {
            case Kind::Int:
            case Kind::Long: {
                std::int64_t n = 0;
                if (!missing) {
                    const auto* p = std::get_if<std::int64_t>(&val);
                    if (!p) mismatch(where, "expects an integer");
                    n = *p;
                }
                if (kind == Kind::Long) {
                    w.write_int64(n);
                } else {
                    if (n < std::numeric_limits<std::int32_t>::min() ||
                        n > std::numeric_limits<std::int32_t>::max()) {
                        mismatch(where, "does not fit an int");
                    }
                    w.write_int32(static_cast<std::int32_t>(n));
                }
                return;
            }
            case Kind::Double: {
                const auto* p = std::get_if<double>(&val);
                w.write_double(p ? *p : 0.0);
                return;
            }
            case Kind::String:
                if (const auto* s = std::get_if<std::string>(&val)) {
                    w.write_string(*s);
                } else if (const auto* b = std::get_if<Bytes>(&val)) {
                    w.write_bytes(*b);
                } else if (missing) {
                    w.write_string("");
                } else {
                    mismatch(where, "expects a string");
                }
                return;
            case Kind::Bool: {
                const auto* b = std::get_if<bool>(&val);
                if (!b && !missing) mismatch(where, "expects a Bool");
                const bool value = b && *b;
                w.write_uint32(require_version(value ? "boolTrue" : "boolFalse", layer_).id);
                return;
            }
            case Kind::Object: {
                const auto* p = std::get_if<ObjPtr>(&val);
                if (!p || !*p) mismatch(where, std::string("needs a ") + f.type);
                object(w, **p, f.type);
                return;
            }
            case Kind::Vector: {
                const auto* items = std::get_if<std::vector<ValueBox>>(&val);
                if (!items && !missing) mismatch(where, "expects a list");
                w.write_uint32(kVectorId);
                w.write_int32(items ? static_cast<std::int32_t>(items->size()) : 0);
                if (items) {
                    for (const auto& item : *items) field(w, owner, f, f.elem, item.v);
                }
                return;
            }
            case Kind::Int128:
            case Kind::Int256:
            case Kind::True:
            case Kind::Flags:
                break;
        }
        mismatch(where, "has a type answers never carry");
    }

    int layer_;
};

class Decoder {
  public:
    Decoder(Reader& r, int layer) : r_(r), layer_(layer) {}

    ObjPtr object(const char* expected_type) {
        Reader::Nesting guard(r_);
        const std::uint32_t id = r_.read_uint32();
        const auto* v = version_by_id(id, layer_);
        if (!v) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "%08x", id);
            throw Error(errc::layer_unknown_constructor, std::string("#") + hex +
                                                             " is not a constructor of layer " +
                                                             std::to_string(layer_));
        }
        if (expected_type && *expected_type && std::string_view(v->type) != expected_type) {
            mismatch(v->name, std::string("is a ") + v->type + ", not a " + expected_type);
        }
        auto o = std::make_shared<Obj>();
        o->name = v->name;
        std::map<std::string, std::uint32_t, std::less<>> words;
        for (std::size_t i = 0; i < v->field_count; ++i) {
            const auto& f = v->fields[i];
            if (f.kind == Kind::Flags) {
                words[f.name] = r_.read_uint32();
                continue;
            }
            if (*f.flag_word) {
                const bool set = (words[f.flag_word] >> f.bit) & 1u;
                if (f.kind == Kind::True) {
                    if (set) o->fields[f.name] = true;
                    continue;
                }
                if (!set) continue;
            }
            o->fields[f.name] = field(f, f.kind);
        }
        return o;
    }

  private:
    Value field(const FieldSpec& f, Kind kind) {
        switch (kind) {
            case Kind::Int:
                return std::int64_t{r_.read_int32()};
            case Kind::Long:
                return r_.read_int64();
            case Kind::Double:
                return r_.read_double();
            case Kind::String:
                return r_.read_string();
            case Kind::Bool: {
                const std::uint32_t id = r_.read_uint32();
                const auto* v = version_by_id(id, layer_);
                if (!v || std::string_view(v->type) != "Bool") mismatch(f.name, "not a Bool");
                return std::string_view(v->name) == "boolTrue";
            }
            case Kind::Object:
                return object(f.type);
            case Kind::Vector: {
                if (r_.read_uint32() != kVectorId) mismatch(f.name, "not a Vector");
                const std::size_t n = r_.read_bare_vector_count();
                std::vector<ValueBox> items;
                for (std::size_t i = 0; i < n; ++i) items.push_back({field(f, f.elem)});
                return items;
            }
            case Kind::Int128: {
                const auto v = r_.read_int128();
                return Bytes(v.begin(), v.end());
            }
            case Kind::Int256:
            case Kind::True:
            case Kind::Flags:
                break;
        }
        mismatch(f.name, "unsupported type");
    }

    Reader& r_;
    int layer_;
};

}  // namespace

int clamp_layer(int layer) {
    const auto& h = history();
    if (layer <= 0) return h.max_layer;
    return std::clamp(layer, h.min_layer, h.max_layer);
}

const CtorVersion* version_at(std::string_view name, int layer) {
    layer = clamp_layer(layer);
    const auto& h = history();
    for (std::size_t i = 0; i < h.count; ++i) {
        const auto& v = h.versions[i];
        if (name == v.name && v.valid_at(layer)) return &v;
    }
    return nullptr;
}

const CtorVersion* version_by_id(std::uint32_t id, int layer) {
    layer = clamp_layer(layer);
    const auto& h = history();
    for (std::size_t i = 0; i < h.count; ++i) {
        const auto& v = h.versions[i];
        if (v.id == id && !v.function && v.valid_at(layer)) return &v;
    }
    return nullptr;
}

const char* name_of(std::uint32_t id) {
    const auto& h = history();
    for (std::size_t i = 0; i < h.count; ++i) {
        if (h.versions[i].id == id) return h.versions[i].name;
    }
    return nullptr;
}

std::shared_ptr<Obj> obj(std::string name, std::vector<FieldInit> fields) {
    auto o = std::make_shared<Obj>();
    o->name = std::move(name);
    for (auto& f : fields) o->fields[f.name] = std::move(f.value);
    return o;
}

Value list(std::vector<Value> items) {
    std::vector<ValueBox> out;
    out.reserve(items.size());
    for (auto& v : items) out.push_back({std::move(v)});
    return out;
}

Bytes encode(const Obj& o, int layer) {
    Writer w;
    Encoder(clamp_layer(layer)).object(w, o, nullptr);
    return w.take();
}

Bytes encode_vector(const std::vector<ObjPtr>& items, int layer) {
    Writer w;
    Encoder e(clamp_layer(layer));
    w.write_uint32(kVectorId);
    w.write_int32(static_cast<std::int32_t>(items.size()));
    for (const auto& item : items) e.object(w, *item, nullptr);
    return w.take();
}

ObjPtr decode(ByteView bytes, int layer) {
    Reader r(bytes);
    auto o = Decoder(r, clamp_layer(layer)).object(nullptr);
    if (r.remaining() != 0)
        throw Error(errc::layer_trailing_bytes, o->name + " has trailing bytes");
    return o;
}

std::vector<ObjPtr> decode_vector(ByteView bytes, int layer) {
    Reader r(bytes);
    if (r.read_uint32() != kVectorId) throw Error(errc::layer_type_mismatch, "not a Vector");
    const std::size_t n = r.read_bare_vector_count();
    std::vector<ObjPtr> out;
    Decoder d(r, clamp_layer(layer));
    for (std::size_t i = 0; i < n; ++i) out.push_back(d.object(nullptr));
    if (r.remaining() != 0) throw Error(errc::layer_trailing_bytes, "Vector has trailing bytes");
    return out;
}

void collect_names(const Obj& o, std::vector<std::string>& out) {
    out.push_back(o.name);
    auto visit = [&](const auto& self, const Value& v) -> void {
        if (const auto* p = std::get_if<ObjPtr>(&v); p && *p) collect_names(**p, out);
        if (const auto* items = std::get_if<std::vector<ValueBox>>(&v)) {
            for (const auto& item : *items) self(self, item.v);
        }
    };
    for (const auto& [name, v] : o.fields) visit(visit, v);
}

}  // namespace tgs::tl::layered
