"""install_credentials: tgsession-credtest is tgsession built with API credentials
(tests/install/CMakeLists.txt gives tgs_api_credentials the pair this test receives). It logs in
and checks status with no --api-id/--api-hash at all, its --version says credentials are built
in without showing them, `strings` does not find the hash, and a user's id or hash replaces the
built-in pair as a whole."""
import argparse
import sys

import install_support as s

e = s.e2e_support
CREDTEST = ""
BUILT_IN_ID = ""
BUILT_IN_HASH = ""
NO_CREDENTIALS = {"TG_API_ID": None, "TG_API_HASH": None}


class BuiltInCredentials(e.E2ETestCase):
    def run_bin(self, binary, *args, env=None):
        saved, e.TGSESSION = e.TGSESSION, binary
        try:
            return self.run_tgs(*args, env=env)
        finally:
            e.TGSESSION = saved

    def authorization_api_ids(self, binary, session, env):
        r = self.run_bin(binary, "revoke", session, "--list", env=env)
        self.assertExit(r, 0)
        return {a["api_id"] for a in r.one_json()["authorizations"]}

    def test_version_says_built_in_never_what(self):
        out = s.run([CREDTEST, "--version"]).stdout
        self.assertIn("API credentials: built in", out)
        self.assertNotIn(BUILT_IN_HASH, out)
        self.assertNotIn(BUILT_IN_ID, out)
        out = s.run([e.TGSESSION, "--version"]).stdout
        self.assertIn("API credentials: none built in", out)

    def test_strings_does_not_find_the_hash(self):
        found = s.run(["strings", "-a", "-n", "4", CREDTEST]).stdout
        # strings does see the program's text (so an unmasked hash would show) ...
        self.assertIn("API credentials: built in", found)
        # ... but neither the hash nor either half of it.
        half = len(BUILT_IN_HASH) // 2
        for part in (BUILT_IN_HASH, BUILT_IN_HASH[:half], BUILT_IN_HASH[half:]):
            self.assertNotIn(part, found)

    def test_logs_in_without_credentials(self):
        r = self.run_bin(CREDTEST, "login", "bob", "--phone", e.BOB_PHONE, "--code", e.BOB_CODE,
                         env=NO_CREDENTIALS)
        self.assertExit(r, 0)
        self.assertExit(self.run_bin(CREDTEST, "status", "bob", env=NO_CREDENTIALS), 0)
        # The test DC recorded the built-in id for this login.
        self.assertEqual(self.authorization_api_ids(CREDTEST, "bob", NO_CREDENTIALS),
                         {int(BUILT_IN_ID)})
        # The same command on the default build has nothing to go on.
        r = self.run_bin(e.TGSESSION, "login", "bob2", "--phone", e.BOB_PHONE, "--code",
                         e.BOB_CODE, env=NO_CREDENTIALS)
        self.assertExit(r, 64)
        self.assertIn("missing API id", r.stderr)

    def test_user_credentials_replace_the_pair(self):
        # A user's id alone does not borrow the built-in hash (it belongs to the built-in id).
        r = self.run_bin(CREDTEST, "login", "bob", "--phone", e.BOB_PHONE, "--code", e.BOB_CODE,
                         env={"TG_API_ID": e.API_ID, "TG_API_HASH": None})
        self.assertExit(r, 64)
        self.assertIn("API hash", r.stderr)
        # Both given: those are used.
        r = self.run_bin(CREDTEST, "login", "bob", "--phone", e.BOB_PHONE, "--code", e.BOB_CODE)
        self.assertExit(r, 0)
        self.assertEqual(self.authorization_api_ids(CREDTEST, "bob", None), {int(e.API_ID)})


def main():
    global CREDTEST, BUILT_IN_ID, BUILT_IN_HASH
    ap = argparse.ArgumentParser()
    ap.add_argument("--credtest", required=True)
    ap.add_argument("--api-id", required=True)
    ap.add_argument("--api-hash", required=True)
    a, rest = ap.parse_known_args()  # --tgsession and --testdc are e2e_support's
    CREDTEST, BUILT_IN_ID, BUILT_IN_HASH = a.credtest, a.api_id, a.api_hash
    e.SECRETS.append(BUILT_IN_HASH)
    sys.argv = [sys.argv[0]] + rest
    e.main()


if __name__ == "__main__":
    sys.exit(main())
