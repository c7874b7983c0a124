// In-memory form of a .tl schema, as tlgen's parser produces it and its emitter consumes it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tlgen {

struct TypeRef {
    enum class Kind {
        Int,
        Long,
        Double,
        String,
        Bytes,
        Int128,
        Int256,
        Bool,
        True,
        FlagsWord,  // `#`
        Raw,        // `Object`, `!X`, a generic `X`: already-serialized bytes
        Named,      // a boxed type (`User`, `auth.SentCode`)
        Bare,       // a constructor used bare (`future_salt`, `%message`)
        Vector,
    };
    Kind kind = Kind::Int;
    std::string name;               // Named: type name; Bare: constructor name
    bool boxed_vector = false;      // Vector<T> (true) vs vector<T> (false)
    std::shared_ptr<TypeRef> elem;  // Vector element
    bool via_box = false;           // held through tgs::tl::Box<> (recursive types)
};

struct Field {
    std::string name;
    TypeRef type;
    std::string flag_word;  // non-empty for `flags.N?T`
    int bit = 0;
    // `bytes:int` directly before `body:Object`: the length of body, computed when writing.
    bool is_length_of_next = false;
    bool length_delimited = false;  // the Object field that follows such a length
};

struct Combinator {
    std::string tl_name;
    std::uint32_t id = 0;
    std::vector<Field> fields;
    std::string type_name;  // constructors: the boxed type they build
    TypeRef result;         // functions: the result type
    bool is_function = false;
};

struct Schema {
    std::vector<Combinator> constructors;
    std::vector<Combinator> functions;
    // type name -> indexes into constructors, in file order
    std::map<std::string, std::vector<std::size_t>> types;
    std::vector<std::string> type_order;  // types in order of first appearance
};

}  // namespace tlgen
