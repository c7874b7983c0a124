"""Third-party judges of the test DC's MTProxy side (tgsession-testdc --mtproxy), from npm
(tests/interop/node, pinned): GramJS 2.26.22 and mtcute 0.30.3 log in through it with their own
MTProxy code. mtcute implements all three secret kinds, fake-TLS (`ee`) included: its own
ClientHello, its check of our ServerHello's HMAC, TLS records both ways. Under a `dd` secret
GramJS strips the prefix and keeps speaking abridged (network/connection/TCPMTProxy.js): the
official MTProxy takes that, and so does the test DC by default; with --mtproxy-padded-only
(mtprotoproxy's "secure" mode) it is refused, which the last test shows. Each client logs in as
Dan (DC 2) starting from DC 1, so the proxy also routes the PHONE_MIGRATE reconnect."""
import json
import os
import subprocess

import e2e_support as e
from e2e_support import E2ETestCase

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_DIR = os.path.join(HERE, "..", "interop", "node")
SCRIPTS = os.path.join(HERE, "..", "interop", "testdc")

PLAIN = "00112233445566778899aabbccddeeff"
DD = "dd" + "ffeeddccbbaa99887766554433221100"
DOMAIN = "example.org"
EE = "ee" + "0f1e2d3c4b5a69788796a5b4c3d2e1f0" + DOMAIN.encode().hex()
WRONG_EE = "ee" + "55555555555555555555555555555555" + DOMAIN.encode().hex()
LOGIN_WAIT_MS = 20000  # a login that works takes about 2 s
REFUSED_WAIT_MS = 4000  # how long a refused client is given to get an answer anyway


class MtProxyJsBase(E2ETestCase):
    """Runs the npm clients; the test classes below hold the tests."""
    testdc_args = ("-v", "--mtproxy", PLAIN, "--mtproxy", DD, "--mtproxy", EE)

    def setUp(self):
        # Checked before the test DC starts: a failing setUp gets no tearDown to stop it.
        self.assertTrue(os.path.isdir(os.path.join(NODE_DIR, "node_modules", "telegram")),
                        "npm packages missing: run scripts/setup-test.sh")
        super().setUp()

    def tearDown(self):
        log = self.dc.log()  # the test DC runs with -v: its proxy lines never carry a secret
        super().tearDown()
        for secret in (PLAIN, DD, EE, WRONG_EE):
            self.assertNotIn(secret if len(secret) == 32 else secret[2:34], log)

    def node(self, script, *args):
        p = subprocess.run(["/usr/bin/node", os.path.join(SCRIPTS, script), NODE_DIR,
                            self.dc.config_path] + [str(a) for a in args],
                           capture_output=True, timeout=60, cwd=self.tmp,
                           env={"NODE_NO_WARNINGS": "1", "PATH": "/usr/bin:/bin"})
        err = p.stderr.decode("utf-8", "replace")
        self.assertEqual(p.returncode, 0, err[-3000:])
        return json.loads(p.stdout.decode().strip().splitlines()[-1])

    def gramjs(self, secret, wait_ms):
        return self.node("gramjs_mtproxy.js", secret, e.DAN_PHONE, e.DAN_CODE, 1, wait_ms)

    def mtcute(self, secret, wait_ms):
        return self.node("mtcute_mtproxy.mjs", secret, e.DAN_PHONE, e.DAN_CODE, wait_ms)

    def assertLoggedIn(self, got):
        self.assertEqual(got.get("id"), e.USER_IDS[e.DAN_PHONE], got)
        self.assertEqual(got["dc"], 2)

    def assertRelayed(self, framing):
        log = self.dc.log()
        for dc in (1, 2):
            self.assertIn("mtproxy: relaying a client to DC %d (%s)" % (dc, framing), log)


class MtProxyJs(MtProxyJsBase):

    def test_gramjs_logs_in_through_a_plain_secret(self):
        got = self.gramjs(PLAIN, LOGIN_WAIT_MS)
        self.assertLoggedIn(got)
        self.assertEqual(got["connection"], "ConnectionTCPMTProxyAbridged")
        self.assertRelayed("abridged")

    def test_gramjs_logs_in_through_a_dd_secret(self):
        got = self.gramjs(DD, LOGIN_WAIT_MS)
        self.assertLoggedIn(got)
        self.assertRelayed("abridged")

    def test_mtcute_logs_in_through_a_plain_secret(self):
        self.assertLoggedIn(self.mtcute(PLAIN, LOGIN_WAIT_MS))
        self.assertRelayed("intermediate")

    def test_mtcute_logs_in_through_a_dd_secret(self):
        self.assertLoggedIn(self.mtcute(DD, LOGIN_WAIT_MS))
        self.assertRelayed("padded_intermediate")

    def test_mtcute_logs_in_through_an_ee_fake_tls_secret(self):
        self.assertLoggedIn(self.mtcute(EE, LOGIN_WAIT_MS))
        self.assertRelayed("padded_intermediate")
        self.assertNotIn("fake-TLS hello", self.dc.log())  # no hello was refused on the way

    def test_mtcute_refuses_our_answer_to_a_wrong_ee_secret(self):
        # Our proxy answers a TLS ServerHello it cannot have keyed with the client's secret;
        # mtcute's own HMAC check rejects it, as it would a real web server's.
        got = self.mtcute(WRONG_EE, REFUSED_WAIT_MS)
        self.assertEqual(got, {"error": "Response hash is invalid"})
        self.assertIn("fake-TLS hello signed by no secret", self.dc.log())
        self.assertNotIn("relaying a client", self.dc.log())


class MtProxyJsPaddedOnly(MtProxyJsBase):
    """A test DC whose dd secret takes padded intermediate only (--mtproxy-padded-only)."""
    testdc_args = MtProxyJsBase.testdc_args + ("--mtproxy-padded-only",)

    def test_gramjs_is_refused_under_a_dd_secret(self):
        got = self.gramjs(DD, REFUSED_WAIT_MS)
        self.assertEqual(got, {"error": "no answer in %d ms" % REFUSED_WAIT_MS})
        self.assertIn("keyed by a dd secret but framed as abridged, not padded intermediate",
                      self.dc.log())
        self.assertNotIn("relaying a client", self.dc.log())

    def test_mtcute_still_logs_in_through_the_dd_secret(self):
        self.assertLoggedIn(self.mtcute(DD, LOGIN_WAIT_MS))
        self.assertRelayed("padded_intermediate")


if __name__ == "__main__":
    e.main()
