"""install_files: the staged `cmake --install` holds exactly the expected files: those in
expected_files.txt plus every public header (lib/<layer>/include/**) and the generated TL
headers, and nothing else (no test programs, no CLI internals, no build-tree paths)."""
import argparse
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def expected(source, libdir, config, shared):
    files = set()
    with open(os.path.join(HERE, "expected_files.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            line = line.replace("{libdir}", libdir).replace("{config}", config or "noconfig")
            if shared and line.endswith(".a"):
                so = line[:-2] + ".so"
                files |= {so, so + ".0.1", so + ".0.1.0"}  # link, SONAME, real file
            else:
                files.add(line)
    for include in glob.glob(os.path.join(source, "lib", "*", "include")):
        for root, _, names in os.walk(include):
            for n in names:
                rel = os.path.relpath(os.path.join(root, n), include)
                files.add(os.path.join("include", "tgsession", rel))
    for schema in glob.glob(os.path.join(source, "lib", "tl", "schema", "*.tl")):
        ns = os.path.splitext(os.path.basename(schema))[0]
        files.add("include/tgsession/tgs/tl/%s.hpp" % ns)
    return files


def installed(stage):
    files = set()
    for root, _, names in os.walk(stage):
        for n in names:
            files.add(os.path.relpath(os.path.join(root, n), stage))
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stage", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--libdir", required=True)
    ap.add_argument("--config", default="")
    ap.add_argument("--shared", action="store_true")
    a = ap.parse_args()

    want = expected(a.source, a.libdir, a.config, a.shared)
    got = installed(a.stage)
    missing, extra = sorted(want - got), sorted(got - want)
    for f in sorted(got):
        print(f)
    if missing or extra:
        print("\nmissing: %s\nunexpected: %s" % (missing, extra), file=sys.stderr)
        return 1
    # The package files must not point back into the build or source tree.
    for rel in got:
        if rel.endswith((".cmake", ".pc")):
            with open(os.path.join(a.stage, rel)) as f:
                text = f.read()
            assert a.source not in text, "%s names the source tree" % rel
    print("\n%d files, as expected" % len(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
