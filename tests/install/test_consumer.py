"""install_consumer_cmake / install_consumer_pkg-config: a program outside the tree, built
against the staged install (tests/install/consumer with find_package(tgsession), or one
compiler command with `pkg-config --cflags --libs tgsession`), logs in to the staged
tgsession-testdc the way the seed's "Signing in" does: connect, is_authorized,
request_login_code, sign_in, check_password (2FA), bot_sign_in, disconnect."""
import argparse
import os
import shutil
import sys

import install_support as s

e = s.e2e_support
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "login.cpp")


def build_with_cmake(stage, work):
    build = os.path.join(work, "build")
    s.run(["cmake", "-S", os.path.join(HERE, "consumer"), "-B", build, "-G", "Ninja",
           "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_PREFIX_PATH=" + stage])
    s.run(["cmake", "--build", build])
    return os.path.join(build, "consumer_login")


def build_with_pkg_config(stage, libdir, work):
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(stage, libdir, "pkgconfig"))
    flags = s.run(["pkg-config", "--cflags", "--libs", "tgsession"], env=env).stdout.split()
    # The flags point into the stage, nowhere else in this tree.
    assert any(f.startswith("-I") and "include/tgsession" in f for f in flags), flags
    os.makedirs(work, exist_ok=True)
    program = os.path.join(work, "consumer_login")
    s.run(["c++", "-std=c++20", "-O1", EXAMPLE, "-o", program] + flags)
    return program


def login(program, session, dc, stdin_text, libdir):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.path.dirname(session),
           "TG_API_ID": e.API_ID, "TG_API_HASH": e.API_HASH,
           # A shared build's libraries, for the pkg-config program (it has no RPATH; CMake
           # gives its build one).
           "LD_LIBRARY_PATH": libdir}
    return s.run([program, session, dc.config_path], env=env, input_text=stdin_text).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["cmake", "pkg-config"], required=True)
    ap.add_argument("--stage", required=True)
    ap.add_argument("--libdir", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    if a.mode == "cmake":
        program = build_with_cmake(a.stage, a.work)
    else:
        program = build_with_pkg_config(a.stage, a.libdir, a.work)

    dc = s.start_testdc(os.path.join(a.stage, "bin", "tgsession-testdc"),
                        os.path.join(a.work, "dc"))
    libdir = os.path.join(a.stage, a.libdir)
    try:
        ann = os.path.join(a.work, "ann")
        # Code, then the 2FA password: sign_in returns a PasswordToken, check_password a User.
        answers = "%s\n%s\n%s\n" % (e.ANN_PHONE, e.ANN_CODE, e.ANN_PASSWORD)
        out = login(program, ann, dc, answers, libdir)
        assert "signed in as Ann (id %s)" % e.ANN_PHONE in out, out
        assert os.path.exists(ann + ".session"), "no session file written"
        # The session it wrote is authorized: is_authorized is true, no prompt is read.
        out = login(program, ann, dc, "", libdir)
        assert "already signed in as Ann" in out, out

        bob = os.path.join(a.work, "bob")
        out = login(program, bob, dc, "%s\n%s\n" % (e.BOB_PHONE, e.BOB_CODE), libdir)
        assert "signed in as Bob (id %s)" % e.BOB_PHONE in out, out

        bot = os.path.join(a.work, "bot")
        out = login(program, bot, dc, e.BOT_TOKEN + "\n", libdir)
        assert "signed in as Test Bot (id %d)" % e.BOT_ID in out, out
    finally:
        dc.stop()
        s.cleanup()
    print("consumer (%s) logged in Ann (2FA), Bob and the bot against the staged test DC"
          % a.mode)


if __name__ == "__main__":
    sys.exit(main())
