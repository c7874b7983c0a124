"""Login and status through the test DC's own MTProxy port (tgsession-testdc --mtproxy), with a
plain, a `dd` and an `ee` (fake-TLS) secret: the ready line and config name the port and the
secrets; a fake-TLS secret the proxy does not know fails cleanly (exit 69, naming host:port) and
no secret ever appears in our output. (A wrong plain or dd secret gets silence, as from a real
MTProxy, so the client only times out; that costs the whole --timeout and is not run here.)"""
import unittest

import e2e_support as e
from e2e_support import E2ETestCase

PLAIN = "0123456789abcdef0123456789abcdef"
DD = "dd" + "fedcba9876543210fedcba9876543210"
DOMAIN = "example.com"
EE = "ee" + "00112233445566778899aabbccddeeff" + DOMAIN.encode().hex()
WRONG_EE = "ee" + "99999999999999999999999999999999" + DOMAIN.encode().hex()
e.SECRETS.extend([PLAIN, DD[2:], EE[2:34], WRONG_EE[2:34]])


class MtProxy(E2ETestCase):
    testdc_args = ("--mtproxy", PLAIN, "--mtproxy", DD, "--mtproxy", EE)

    def url(self, secret):
        return "tg://proxy?server=127.0.0.1&port=%d&secret=%s" % (self.proxy_port, secret)

    def setUp(self):
        super().setUp()
        proxy = self.dc.config["mtproxy"]
        self.assertEqual(self.dc.ready["mtproxy"], proxy)
        self.assertEqual(proxy["host"], "127.0.0.1")
        self.assertEqual(proxy["secrets"], [PLAIN, DD, EE])
        self.proxy_port = proxy["port"]

    def login_and_status(self, secret):
        s = self.path("bob-%s.session" % secret[:2])
        url = self.url(secret)
        r = self.run_tgs("-v", "--proxy", url, "login", s, "--phone", e.BOB_PHONE, "--code",
                         e.BOB_CODE)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["user"]["id"], e.USER_IDS[e.BOB_PHONE])
        r = self.run_tgs("--proxy", url, "status", s)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["state"], "authorized")
        return r

    def test_plain_secret(self):
        self.login_and_status(PLAIN)

    def test_dd_secret(self):
        self.login_and_status(DD)

    def test_ee_fake_tls_secret(self):
        self.login_and_status(EE)

    def test_wrong_fake_tls_secret_fails_cleanly(self):
        s = self.path("wrong.session")
        # The proxy answers like the web server it imitates: the ServerHello does not verify.
        r = self.run_tgs("--proxy", self.url(WRONG_EE), "login", s, "--phone", e.BOB_PHONE,
                         "--code", e.BOB_CODE)
        self.assertExit(r, 69)
        self.assertIn("127.0.0.1:%d" % self.proxy_port, r.stderr)


if __name__ == "__main__":
    e.main()
