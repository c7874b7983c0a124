// tlgen: reads one .tl schema and writes tgs/tl/<ns>.hpp + <ns>.cpp (see docs/CONVENTIONS.md).
// Usage: tlgen <schema.tl> <namespace> <out.hpp> <out.cpp>
//        tlgen --history <layer_history.tl> <out.cpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "emitter.hpp"
#include "history.hpp"
#include "parser.hpp"

namespace {

// Writes only when the content changed, so an unchanged schema does not trigger recompiles.
void write_if_changed(const std::filesystem::path& path, const std::string& content) {
    std::ifstream in(path, std::ios::binary);
    if (in) {
        std::stringstream old;
        old << in.rdbuf();
        if (old.str() == content) return;
    }
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

// tlgen --history <layer_history.tl> <out.cpp>: the per-layer constructor table.
int history_main(char** argv) {
    try {
        std::ifstream in(argv[2], std::ios::binary);
        if (!in) throw std::runtime_error(std::string("cannot read ") + argv[2]);
        std::stringstream text;
        text << in.rdbuf();
        auto name = std::filesystem::path(argv[2]).filename().string();
        write_if_changed(argv[3], tlgen::emit_history(text.str(), name));
    } catch (const std::exception& e) {
        std::cerr << "tlgen: " << argv[2] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--history") return history_main(argv);
    if (argc != 5) {
        std::cerr << "usage: tlgen <schema.tl> <namespace> <out.hpp> <out.cpp>\n";
        return 2;
    }
    try {
        std::ifstream in(argv[1], std::ios::binary);
        if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
        std::stringstream text;
        text << in.rdbuf();
        tlgen::Schema schema = tlgen::parse_schema(text.str());
        auto name = std::filesystem::path(argv[1]).filename().string();
        tlgen::Output out = tlgen::emit(schema, argv[2], name);
        write_if_changed(argv[3], out.header);
        write_if_changed(argv[4], out.source);
    } catch (const std::exception& e) {
        std::cerr << "tlgen: " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
