#!/usr/bin/env python3
"""Derives lib/tl/schema/history/layer_history.tl from per-layer schemas (snapshots.py's output):
for every constructor the test DC emits (NAMES below), each version's TL line under the first
layer that has it. Layers with no public schema are listed so the gap is visible.
Usage: extract.py SNAPSHOT_DIR --from 133 --to 228 > lib/tl/schema/history/layer_history.tl
"""
import argparse
import os
import re

# Everything the test DC writes into answers, outermost and nested (add a name, re-run).
NAMES = """
boolFalse boolTrue user auth.authorization auth.authorizationSignUpRequired auth.sentCode
auth.sentCodeTypeApp auth.sentCodeTypeSms auth.sentCodeTypeCall auth.codeTypeSms
auth.codeTypeCall config dcOption nearestDc account.password
passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow securePasswordKdfAlgoUnknown
updates.state updates.differenceEmpty auth.loggedOut auth.loginToken auth.loginTokenMigrateTo
auth.loginTokenSuccess updateShort updateLoginToken authorization account.authorizations
auth.exportedAuthorization users.userFull userFull peerSettings peerNotifySettings
help.appConfig jsonObject langPackDifference messages.dialogs contacts.contacts
auth.sentCodeTypeFlashCall auth.sentCodeTypeMissedCall auth.sentCodeTypeFragmentSms
auth.sentCodeTypeSmsWord auth.sentCodeTypeSmsPhrase auth.sentCodeTypeFirebaseSms
auth.sentCodeTypeEmailCode auth.sentCodeTypeSetUpEmailRequired auth.sentCodeSuccess
auth.sentCodePaymentRequired account.sentEmailCode account.emailVerifiedLogin
auth.passwordRecovery account.resetPasswordRequestedWait help.termsOfService dataJSON
""".split()

# Methods the test DC answers whose id changed within the range (it dispatches on every id).
METHODS = """
updates.getState updates.getDifference help.getConfig help.getNearestDc users.getFullUser
account.updateStatus help.getAppConfig langpack.getLangPack langpack.getStrings
messages.getDialogs contacts.getContacts auth.logOut
""".split()


def line_of(text, name, want_types=True):
    """The combinator's line in the types (or functions) sections; tdlib has a small functions
    block of its own first, then the real types and functions."""
    types = True
    for raw in text.splitlines():
        ln = raw.split("//")[0].strip()
        if ln in ("---functions---", "---types---"):
            types = ln == "---types---"
            continue
        m = re.match(r"^([A-Za-z0-9_.]+)#([0-9a-f]+)\s", ln)
        if types == want_types and m and m.group(1) == name:
            return " ".join(ln.split())
    return None


def function_lines(text):
    """Every method of a schema: its last functions section (tdlib puts a block of its own
    helper functions first, before the types)."""
    blocks, current = [], None
    for raw in text.splitlines():
        ln = raw.split("//")[0].strip()
        if ln == "---functions---":
            current = []
            blocks.append(current)
            continue
        if ln == "---types---":
            current = None
            continue
        if current is not None and re.match(r"^[a-z][A-Za-z0-9_.]*#[0-9a-f]+\s", ln):
            current.append(" ".join(ln.split()))
    return blocks[-1] if blocks else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("snapshots")
    ap.add_argument("--from", dest="lo", type=int, default=133)
    ap.add_argument("--to", dest="hi", type=int, default=228)
    a = ap.parse_args()
    snaps, sources = {}, {}
    for f in os.listdir(a.snapshots):
        if f.endswith(".tl"):
            text = open(os.path.join(a.snapshots, f)).read()
            snaps[int(f[:-3])] = text
            sources[int(f[:-3])] = text.splitlines()[0].replace("// source: ", "")
    missing = [L for L in range(a.lo, a.hi + 1) if L not in snaps]
    sections = {}
    for name in NAMES + METHODS:
        prev = None
        for layer in sorted(snaps):
            ln = line_of(snaps[layer], name, name in NAMES)
            if ln != prev and ln is not None:
                sections.setdefault(layer, []).append(ln)
            if ln is None and prev is not None:
                sections.setdefault(layer, []).append(f"-{name};")
            prev = ln
    print(f"// range {a.lo} {a.hi}")
    print("// no public schema: " + " ".join(map(str, missing)))
    print("// Each constructor the test DC emits (and each method it answers whose id changed),")
    print("// as of the first layer with that version; `-name;` marks a removal. Regenerate with")
    print("// tools/layer_history/snapshots.py + extract.py; add a name there to track it.")
    for layer in sorted(sections):
        print(f"---layer {layer}---")
        print(f"// {sources[layer]}")
        lines = sections[layer]
        is_method = lambda ln: ln.lstrip("-").split("#")[0].rstrip(";") in METHODS
        for ln in [x for x in lines if not is_method(x)]:
            print(ln)
        methods = [x for x in lines if is_method(x)]
        if methods:
            print("---functions---")
            for ln in methods:
                print(ln)
    # The names of every method of the newest layer, so the test DC can log which one it does
    # not answer (recorded for the name only; never answered from this list).
    print("---names---")
    print(f"// every method of layer {max(snaps)}: {sources[max(snaps)]}")
    for ln in function_lines(snaps[max(snaps)]):
        print(ln)


if __name__ == "__main__":
    main()
