"""Issue 11: a forged transport error -404 (unauthenticated in MTProto: anyone on the path can
send one) must not make `login` throw away a good key, nor make `status` call a key unknown on
one answer. The test DC's `--fault forge-404=N` answers the first N encrypted packets with -404
while the key stays valid; the DC's --state file carries Bob's authorization from the DC that
logged him in to the forging one."""
import shutil

import e2e_support as e
from e2e_support import E2ETestCase, file_fingerprint


class Forged404(E2ETestCase):
    def setUp(self):
        super().setUp()
        self.state = self.path("dc-state.json")
        dc = self.start_dc("--state", self.state)
        self.session = self.path("bob.session")
        self.login_scripted(self.session, e.BOB_PHONE, e.BOB_CODE, dc=dc)
        dc.stop()  # saves the state: Bob's key is known to every DC started from it

    def forging_dc(self, count):
        return self.start_dc("--state", self.state, "--fault", "forge-404=%d" % count)

    def login_again(self, dc, *extra):
        return self.run_tgs("login", self.session, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE,
                            *extra, dc=dc)

    def assert_key_still_good(self):
        honest = self.start_dc("--state", self.state)
        self.assertExit(self.status(self.session, dc=honest), 0)

    def test_one_forged_404_is_checked_on_a_fresh_connection(self):
        dc = self.forging_dc(1)
        before = file_fingerprint(self.session)
        r = self.login_again(dc)
        # The second opinion found the key authorized: the ordinary refusal, file untouched.
        self.assertExit(r, 73)
        self.assertIn("already logged in", r.stderr)
        self.assertEqual(file_fingerprint(self.session), before)
        self.assertEqual(dc.log().count("forged transport error -404"), 1)

    def test_a_repeated_404_keeps_a_logged_in_file(self):
        dc = self.forging_dc(2)
        before = file_fingerprint(self.session)
        r = self.login_again(dc)
        self.assertExit(r, 73)
        self.assertIn("does not know", r.stderr)
        self.assertIn("--force", r.stderr)
        self.assertEqual(file_fingerprint(self.session), before)
        self.assertEqual(dc.log().count("forged transport error -404"), 2)
        dc.stop()
        self.assert_key_still_good()

    def test_force_over_a_forged_404_warns_that_the_old_key_may_be_live(self):
        old = self.path("old.session")
        shutil.copy(self.session, old)
        dc = self.forging_dc(2)
        r = self.login_again(dc, "--force")
        self.assertExit(r, 0)
        self.assertIs(r.one_json()["replaced_logged_out"], False)
        self.assertIn("was not logged out", r.stderr)
        self.assertIn("revoke --list", r.stderr)
        dc.stop()
        # What the forgery achieved: the old authorization is still live (the warning's point).
        honest = self.start_dc("--state", self.state)
        self.assertExit(self.status(old, dc=honest), 0)
        self.assertExit(self.status(self.session, dc=honest), 0)

    def test_status_asks_again_after_one_forged_404(self):
        dc = self.forging_dc(1)
        before = file_fingerprint(self.session)
        r = self.status(self.session, dc=dc)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["state"], "authorized")
        self.assertEqual(dc.log().count("forged transport error -404"), 1)
        self.assertEqual(file_fingerprint(self.session), before)

    def test_status_reports_key_unknown_only_when_asked_twice(self):
        dc = self.forging_dc(2)
        r = self.status(self.session, dc=dc)
        self.assertExit(r, 1)
        report = r.one_json()
        self.assertEqual((report["state"], report["reason"]), ("not_authorized", "key_unknown"))
        self.assertEqual(dc.log().count("forged transport error -404"), 2)
        dc.stop()
        self.assert_key_still_good()


if __name__ == "__main__":
    e.main()
