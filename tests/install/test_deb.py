"""install_deb: cpack builds tgsession and tgsession-dev .debs; dpkg-deb shows their files and
Depends (every shared library the programs load comes from a package in Depends); both install
with dpkg -i into a staged root whose package database is a copy of this machine's (so Depends
are checked against what is really installed, and nothing on the machine changes); from there
`tgsession --version` runs from PATH, `man tgsession` renders, bash completion (through
bash-completion's own loader) completes the subcommands; dpkg -r leaves no file behind."""
import argparse
import glob
import os
import re
import shutil
import sys

import install_support as s

RUNTIME_FILES = {
    "usr/bin/tgsession",
    "usr/bin/tgsession-testdc",
    "usr/share/man/man1/tgsession.1.gz",
    "usr/share/man/man1/tgsession-testdc.1.gz",
    "usr/share/bash-completion/completions/tgsession",
    "usr/share/zsh/vendor-completions/_tgsession",
    "usr/share/fish/vendor_completions.d/tgsession.fish",
}
DEV_SAMPLES = {
    "usr/include/tgsession/tgs/auth/client.hpp",
    "usr/include/tgsession/tgs/tl/api.hpp",
    "usr/lib/cmake/tgsession/tgsessionConfig.cmake",
    "usr/lib/pkgconfig/tgsession.pc",
}
SHARED_LIBRARY = re.compile(r"usr/lib/libtgsession-[a-z]+\.so\.[0-9.]+$")
DEV_DEPENDS = {"libssl-dev", "zlib1g-dev", "libsodium-dev", "libsqlitecpp-dev", "libsqlite3-dev",
               "nlohmann-json3-dev", "libasio-dev"}


def contents(deb):
    """Regular files and symlinks in the package, as paths without the leading './'."""
    listing = s.run(["dpkg-deb", "--contents", deb]).stdout
    print(listing)
    files = set()
    for line in listing.splitlines():
        if line.startswith(("-", "l")):
            path = line.split(None, 5)[5].split(" -> ")[0]
            files.add(path[2:] if path.startswith("./") else path)
    return files


def depends(deb):
    field = s.run(["dpkg-deb", "--field", deb, "Depends"]).stdout.strip()
    print("%s Depends: %s" % (os.path.basename(deb), field))
    return {re.split(r"[\s(]", d.strip())[0] for d in field.split(",") if d.strip()}


def owning_package(path):
    """The installed package that ships `path` (merged-/usr aware)."""
    candidates = [path, os.path.realpath(path)]
    for c in list(candidates):
        if c.startswith("/usr/lib/"):
            candidates.append(c[len("/usr"):])
        elif c.startswith("/lib/"):
            candidates.append("/usr" + c)
    for c in candidates:
        p = s.run(["dpkg-query", "--search", c], check=False)
        if p.returncode == 0:
            return p.stdout.split(":")[0].strip()
    raise AssertionError("no installed package ships " + path)


def check_depends_cover_libraries(program, deps):
    """Each shared library `program` links directly (DT_NEEDED; the libraries' own needs are
    their packages' business) belongs to a package named in Depends."""
    dynamic = s.run(["readelf", "--dynamic", program]).stdout
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[(\S+)\]", dynamic))
    assert needed, dynamic
    for line in s.run(["ldd", program]).stdout.splitlines():
        m = re.match(r"\s*(\S+) => (/\S+)", line)
        if not m or m.group(1) not in needed or m.group(1).startswith("libtgsession-"):
            continue  # indirect, the vdso or loader, or a shared build's own libraries
        needed.discard(m.group(1))
        pkg = owning_package(m.group(2))
        # Depends may name a virtual package the owner provides (libspdlog1.10-fmt9).
        provides = s.run(["dpkg-query", "--show", "--showformat=${Provides}", pkg]).stdout
        names = {pkg} | {re.split(r"[\s(]", p.strip())[0] for p in provides.split(",")}
        assert names & deps, "%s needs %s from %s, not in Depends %s" % (
            program, m.group(1), pkg, sorted(deps))
    unresolved = {n for n in needed if not n.startswith(("libtgsession-", "ld-linux"))}
    assert not unresolved, "ldd did not resolve %s" % sorted(unresolved)


def staged_root(root):
    """An empty root whose dpkg database says this machine's packages are installed."""
    admin = os.path.join(root, "var", "lib", "dpkg")
    for d in ("info", "updates", "triggers"):
        os.makedirs(os.path.join(admin, d))
    shutil.copy("/var/lib/dpkg/status", admin)
    open(os.path.join(admin, "available"), "w").close()
    # Empty file lists: the packages are known, their files are not here (and reading the
    # real lists would only slow dpkg down).
    for lst in glob.glob("/var/lib/dpkg/info/*.list"):
        open(os.path.join(admin, "info", os.path.basename(lst)), "w").close()
    # Maintainer scripts (a shared build's `ldconfig`) cannot run chrooted into a root with no
    # shell; static builds have none.
    return ["dpkg", "--root=" + root, "--force-unsafe-io", "--force-script-chrootless"]


def files_outside_admin_dir(root):
    admin = os.path.join(root, "var", "lib", "dpkg")
    left = []
    for r, dirs, names in os.walk(root):
        if r == admin or r.startswith(admin + os.sep):
            continue
        left += [os.path.join(r, n) for n in names]
        left += [os.path.join(r, d) for d in dirs
                 if not admin.startswith(os.path.join(r, d))]
    return left


def subcommands(tgsession, env):
    """The subcommands `tgsession --help` lists."""
    help_text = s.run([tgsession, "--help"], env=env).stdout
    section = help_text.split("Subcommands:", 1)[1]
    return {line.split()[0] for line in section.splitlines() if line.strip()}


def complete(root, env, words):
    """What bash-completion offers for `words` (the last one being completed), loading our
    script the way an interactive shell would: from <XDG_DATA_DIRS>/bash-completion/."""
    script = r'''
source /usr/share/bash-completion/bash_completion
__load_completion tgsession || { echo "no completion found for tgsession" >&2; exit 3; }
COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
_tgsession tgsession "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%%s\n' "${COMPREPLY[@]}"
''' % " ".join("'%s'" % w for w in words)
    env = dict(env, XDG_DATA_DIRS=os.path.join(root, "usr", "share"))
    return set(s.run(["bash", "--norc", "--noprofile", "-c", script], env=env).stdout.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--shared", action="store_true", help="the build has shared libraries")
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    packages = os.path.join(a.work, "packages")

    s.run(["cpack", "--config", os.path.join(a.build, "CPackConfig.cmake"), "-B", packages])
    runtime = glob.glob(os.path.join(packages, "tgsession_%s-*.deb" % a.version))
    dev = glob.glob(os.path.join(packages, "tgsession-dev_%s-*.deb" % a.version))
    assert len(runtime) == 1 and len(dev) == 1, os.listdir(packages)
    runtime, dev = runtime[0], dev[0]

    runtime_files = contents(runtime)
    libraries = {f for f in runtime_files if SHARED_LIBRARY.match(f)} if a.shared else set()
    assert runtime_files - libraries == RUNTIME_FILES, sorted(runtime_files ^ RUNTIME_FILES)
    dev_files = contents(dev)
    link = "usr/lib/libtgsession-auth." + ("so" if a.shared else "a")
    assert DEV_SAMPLES | {link} <= dev_files, sorted(DEV_SAMPLES | {link} - dev_files)
    assert not any(f.startswith("usr/bin/") for f in dev_files), "programs in tgsession-dev"

    extracted = os.path.join(a.work, "extracted")
    s.run(["dpkg-deb", "--extract", runtime, extracted])
    runtime_deps = depends(runtime)
    for program in ("tgsession", "tgsession-testdc"):
        check_depends_cover_libraries(os.path.join(extracted, "usr", "bin", program),
                                      runtime_deps)
    dev_deps = depends(dev)
    want = DEV_DEPENDS | ({"tgsession"} if a.shared else set())
    assert want <= dev_deps, sorted(want - dev_deps)

    root = os.path.join(a.work, "root")
    dpkg = staged_root(root)
    # --path-include: undo any path-exclude (minimal images drop /usr/share/man) for this test.
    s.run(dpkg + ["--path-include=*", "--install", runtime, dev])

    env = {"PATH": os.path.join(root, "usr", "bin") + ":/usr/bin:/bin", "HOME": a.work,
           "LANG": "C.UTF-8", "MANPATH": os.path.join(root, "usr", "share", "man"),
           "MANPAGER": "cat", "MANWIDTH": "80"}
    version = s.run(["tgsession", "--version"], env=env).stdout
    assert version.startswith("tgsession %s\n" % a.version), version
    s.run(["tgsession-testdc", "--help"], env=env)
    for page, name_line in (("tgsession", "tgsession - log in to Telegram"),
                            ("tgsession-testdc", "tgsession-testdc - a local multi-DC")):
        text = s.run(["man", page], env=env).stdout
        assert "NAME" in text and name_line in text, text[:500]

    commands = subcommands("tgsession", env)
    assert {"login", "status", "convert"} <= commands, commands
    offered = complete(root, env, ["tgsession", ""])
    assert commands <= offered, "completion lacks %s" % sorted(commands - offered)
    offered = complete(root, env, ["tgsession", "st"])
    assert offered == {"status"}, offered

    s.run(dpkg + ["--remove", "tgsession-dev", "tgsession"])
    status = s.run(dpkg + ["--status", "tgsession"], check=False)
    assert status.returncode != 0 or "Status: install ok installed" not in status.stdout
    left = files_outside_admin_dir(root)
    assert not left, "dpkg -r left %s" % left
    print("install_deb: %d + %d files, installed, used and removed cleanly"
          % (len(runtime_files), len(dev_files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
