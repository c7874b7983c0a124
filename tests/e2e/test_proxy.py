"""Login and status through real proxy servers from Debian on 127.0.0.1: dante-server (SOCKS5
with and without user/password), microsocks (SOCKS5 with user/password) and tinyproxy (HTTP
CONNECT with Basic auth). Wrong credentials exit 77, a refused CONNECT and a dead proxy exit 69;
errors name the proxy's host:port and never its password; -v says which proxy and transport."""
import os
import shutil
import unittest

import e2e_support as e
import proxy_servers as ps
from e2e_support import E2ETestCase

MS_USER, MS_PASSWORD = "msuser", "Microsocks-pw-2291"
TP_USER, TP_PASSWORD = "tpuser", "Tinyproxy-pw-8830"
WRONG_PASSWORD = "Wrong-proxy-pw-4417"
e.SECRETS.extend([ps.DANTE_PASSWORD, MS_PASSWORD, TP_PASSWORD, WRONG_PASSWORD])


@unittest.skipIf(ps.missing(ps.DANTED, ps.MICROSOCKS, ps.TINYPROXY),
                 "dante-server, microsocks and tinyproxy are installed by scripts/setup-debian.sh")
def text(result):
    """What the user sees: status reports errors in its result lines, other commands on stderr."""
    return result.stdout + result.stderr


class Proxies(E2ETestCase):
    def setUp(self):
        super().setUp()
        self.proxies = []

    def tearDown(self):
        for p in self.proxies:
            p.stop()
        super().tearDown()

    def started(self, proxy):
        self.proxies.append(proxy)
        return proxy

    def login_and_status_through(self, url, how="flag"):
        """Logs Bob in and checks status, with the proxy given by flag, env or config file."""
        args, env = [], {}
        if how == "flag":
            args = ["--proxy", url]
        elif how == "env":
            env = {"TGSESSION_PROXY": url}
        else:
            os.makedirs(self.path("config/tgsession"), exist_ok=True)
            with open(self.path("config/tgsession/config.toml"), "w") as f:
                f.write('proxy = "%s"\n' % url)
        s = self.path("bob-%d.session" % len(self.outputs))
        r = self.run_tgs(*args, "login", s, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE,
                         env=env)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["user"]["id"], e.USER_IDS[e.BOB_PHONE])
        r = self.run_tgs(*args, "status", s, env=env)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["state"], "authorized")
        return s

    def assert_proxy_used(self, proxy, session, url):
        """Once the proxy is gone the same command fails naming it: it really went through."""
        proxy.stop()
        r = self.run_tgs("--proxy", url, "status", session)
        self.assertExit(r, 69)
        self.assertIn("127.0.0.1:%d" % proxy.port, text(r))
        self.assertIn("proxy", text(r))

    def test_dante_without_auth(self):
        dante = self.started(ps.start_dante(self.tmp, with_auth=False))
        url = "socks5://127.0.0.1:%d" % dante.port
        s = self.login_and_status_through(url)
        r = self.run_tgs("--proxy", url, "-v", "status", s, json_out=False)
        self.assertExit(r, 0)
        self.assertIn("intermediate via socks5 proxy 127.0.0.1:%d" % dante.port, r.stderr)
        self.assert_many_through(dante, s, url)
        self.assert_proxy_used(dante, s, url)

    def assert_many_through(self, proxy, session, url):
        """`status` over many sessions (the fleet path, several checks in flight) shares the
        proxy: all go through it, and once it is gone each one names it."""
        copies = []
        for i in range(12):
            copies.append(self.path("fleet-%d.session" % i))
            shutil.copyfile(session, copies[-1])
        r = self.run_tgs("--proxy", url, "status", "--jobs", "4", *copies)
        self.assertExit(r, 0)
        self.assertEqual(sorted(j["session"] for j in r.json_lines()), sorted(copies))
        self.assertTrue(all(j["state"] == "authorized" for j in r.json_lines()), r.json_lines())
        proxy.stop()
        r = self.run_tgs("--proxy", url, "status", "--jobs", "4", *copies)
        self.assertExit(r, 69)
        self.assertEqual(len(r.json_lines()), len(copies))
        for j in r.json_lines():
            self.assertTrue(j["reason"].startswith("NET_PROXY"), j)

    @unittest.skipUnless(os.geteuid() == 0, "dante checks passwords of system accounts (root)")
    def test_dante_with_user_and_password(self):
        self.assertTrue(ps.ensure_dante_account())
        dante = self.started(ps.start_dante(self.tmp, with_auth=True))
        good = "socks5h://%s:%s@127.0.0.1:%d" % (ps.DANTE_USER, ps.DANTE_PASSWORD, dante.port)
        self.login_and_status_through(good, how="env")
        bad = "socks5://%s:%s@127.0.0.1:%d" % (ps.DANTE_USER, WRONG_PASSWORD, dante.port)
        r = self.run_tgs("--proxy", bad, "status", self.path("bob-0.session"))
        self.assertExit(r, 77)
        self.assertIn("127.0.0.1:%d" % dante.port, text(r))
        self.assertIn("refused the user name or password", text(r))
        # No credentials at all for a proxy that wants them: also refused credentials.
        r = self.run_tgs("--proxy", "socks5://127.0.0.1:%d" % dante.port, "status",
                         self.path("bob-0.session"))
        self.assertExit(r, 77)

    def test_microsocks_with_user_and_password(self):
        ms = self.started(ps.start_microsocks(self.tmp, MS_USER, MS_PASSWORD))
        url = "socks5://%s:%s@127.0.0.1:%d" % (MS_USER, MS_PASSWORD, ms.port)
        s = self.login_and_status_through(url, how="config")
        r = self.run_tgs("--proxy", url.replace(MS_PASSWORD, WRONG_PASSWORD), "status", s)
        self.assertExit(r, 77)
        self.assertEqual(r.one_json()["reason"], "NET_PROXY_AUTH_REFUSED")
        self.assert_proxy_used(ms, s, url)

    def test_tinyproxy_connect_with_basic_auth(self):
        tp = self.started(ps.start_tinyproxy(self.tmp, TP_USER, TP_PASSWORD))
        url = "http://%s:%s@127.0.0.1:%d" % (TP_USER, TP_PASSWORD, tp.port)
        s = self.login_and_status_through(url, how="env")
        r = self.run_tgs("--proxy", url.replace(TP_PASSWORD, WRONG_PASSWORD), "status", s)
        self.assertExit(r, 77)
        self.assertIn("HTTP proxy 127.0.0.1:%d" % tp.port, text(r))
        # A proxy that allows CONNECT only to port 443: the DC's port is refused with a status.
        strict = self.started(ps.start_tinyproxy(self.tmp, TP_USER, TP_PASSWORD, [443]))
        r = self.run_tgs("--proxy", "http://%s:%s@127.0.0.1:%d" % (TP_USER, TP_PASSWORD,
                                                                   strict.port), "status", s)
        self.assertExit(r, 69)
        self.assertRegex(text(r), r"refused CONNECT 127\.0\.0\.1:\d+ with status 4\d\d")
        self.assert_proxy_used(tp, s, url)

    def test_dead_proxy_and_bad_url(self):
        port = ps.free_port()  # nothing listens there
        s = self.path("nobody.session")
        r = self.run_tgs("--proxy", "socks5://u:%s@127.0.0.1:%d" % (WRONG_PASSWORD, port),
                         "login", s, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE)
        self.assertExit(r, 69)
        self.assertIn("socks5 proxy 127.0.0.1:%d" % port, text(r))
        self.assertIn("cannot connect", text(r))
        r = self.run_tgs("--proxy", "ftp://u:%s@127.0.0.1:1" % WRONG_PASSWORD, "status", s)
        self.assertExit(r, 64)
        self.assertIn("unsupported scheme", text(r))


if __name__ == "__main__":
    e.main()
