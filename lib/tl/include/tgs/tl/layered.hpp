// Answers in the layer a client declared. The test DC builds each answer once as a tree of
// named objects (Obj) with the newest fields; encode() writes it with the constructor id and
// field list that `layer` had, looked up in the recorded history
// (lib/tl/schema/history/layer_history.tl, compiled by tlgen --history). Fields a layer lacks are
// dropped, flag words are recomputed, required fields the tree lacks get zero values. Adding a
// layer or a constructor is a data change: a new section or line in that file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::tl::layered {

enum class Kind : std::uint8_t {
    Int,
    Long,
    Double,
    String,
    Int128,
    Int256,
    Bool,
    True,
    Flags,
    Object,  // a boxed type, by name
    Vector,
};

struct FieldSpec {
    const char* name;
    Kind kind;
    Kind elem;         // for Vector
    const char* type;  // boxed type name for Object (or a Vector of them)
    const char* flag_word;
    int bit;
};

struct CtorVersion {
    const char* name;
    std::uint32_t id;
    int since;         // first layer with this version
    int until;         // first layer without it (0: still current)
    bool function;     // a method: recorded for its id, never encoded
    bool name_only;    // only its name is known (a method the test DC does not answer)
    const char* type;  // the boxed type (a method's result)
    const FieldSpec* fields;
    std::size_t field_count;
    bool valid_at(int layer) const {
        return !name_only && layer >= since && (until == 0 || layer < until);
    }
};

struct History {
    int min_layer;
    int max_layer;
    const CtorVersion* versions;
    std::size_t count;
    const int* unpublished;  // layers in range with no public schema (answered as the one below)
    std::size_t unpublished_count;
};

/// The recorded history (generated).
const History& history();

/// The version of `name` at `layer`, or nullptr when the constructor does not exist there.
/// Layers outside the recorded range are clamped to it.
const CtorVersion* version_at(std::string_view name, int layer);
/// The version with this id valid at `layer`, or nullptr.
const CtorVersion* version_by_id(std::uint32_t id, int layer);
/// The name of whatever has this id in any recorded layer (e.g. an older method id) or among
/// the newest layer's methods, or null.
const char* name_of(std::uint32_t id);
/// `layer` clamped into the recorded range (0, nothing declared yet, is the newest).
int clamp_layer(int layer);

struct Obj;
using ObjPtr = std::shared_ptr<const Obj>;
struct Absent {};
/// One field value. Integers are range-checked against the field's int/long type.
using Value = std::variant<Absent, bool, std::int64_t, double, std::string, Bytes, ObjPtr,
                           std::vector<struct ValueBox>>;
struct ValueBox {
    Value v;
};

struct Obj {
    std::string name;
    std::map<std::string, Value, std::less<>> fields;
};

/// Builds an object: obj("nearestDc", {{"country", "ZZ"}, {"this_dc", 1}}).
struct FieldInit {
    std::string name;
    Value value;
    FieldInit(std::string n, Value v) : name(std::move(n)), value(std::move(v)) {}
    FieldInit(std::string n, int v) : name(std::move(n)), value(std::int64_t{v}) {}
    FieldInit(std::string n, std::int64_t v) : name(std::move(n)), value(v) {}
    FieldInit(std::string n, const char* v) : name(std::move(n)), value(std::string(v)) {}
    FieldInit(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
    FieldInit(std::string n, bool v) : name(std::move(n)), value(v) {}
    FieldInit(std::string n, ObjPtr v) : name(std::move(n)), value(std::move(v)) {}
    FieldInit(std::string n, std::shared_ptr<Obj> v) : name(std::move(n)), value(ObjPtr(v)) {}
    FieldInit(std::string n, Bytes v) : name(std::move(n)), value(std::move(v)) {}
};
std::shared_ptr<Obj> obj(std::string name, std::vector<FieldInit> fields = {});
Value list(std::vector<Value> items);

/// The object in `layer`. Throws tgs::Error TL_LAYER_UNKNOWN_CONSTRUCTOR when the object (or a
/// nested one) does not exist in that layer, TL_LAYER_TYPE_MISMATCH when a value does not fit
/// its field.
Bytes encode(const Obj& o, int layer);
/// A boxed Vector of objects (e.g. users.getUsers' Vector<User>).
Bytes encode_vector(const std::vector<ObjPtr>& items, int layer);

/// Reads one boxed object as `layer` has it (the test's independent check of what was sent):
/// every constructor must exist in that layer and the bytes must be consumed exactly.
ObjPtr decode(ByteView bytes, int layer);
/// A boxed Vector of objects, read the same way.
std::vector<ObjPtr> decode_vector(ByteView bytes, int layer);
/// Every constructor name (at any layer) that `o` contains, itself included.
void collect_names(const Obj& o, std::vector<std::string>& out);

}  // namespace tgs::tl::layered
