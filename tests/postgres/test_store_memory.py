"""Peak memory of `tgsession status postgresql://…/db` (a whole store) does not grow with the
number of sessions in it (issue 14, as issue 8 asks of files): the sessions are listed a page at
a time, never all at once. 500 and 5,000 sessions (offline, and online against the test DC with
their keys registered), then 20,000 offline: the peaks differ by less than 16 MB (the issue's
bound), and by less than 2 MiB from 500 to 20,000 (a list of every location, about 0.3 KB a
session, would add about 6 MB there). Labelled `load`: kept out of the ASan stage."""
import os

import pg_support as p
import fleet_support as fs  # tests/e2e, on the path through pg_support


class StoreMemory(p.PgTestCase, fs.FleetTestCase):
    def store_of(self, n, keys):
        """A store (its own table prefix) with sessions 0..n-1 of `keys` and a bot: tgsession
        makes the tables (the bot's login), the rows go in with COPY."""
        prefix = "%sn%d_" % (self.prefix, n)
        self.bot_login(self.url("zz-bot", prefix=prefix))
        self.server.copy_fleet(prefix, keys[:n], fs.user_for, "m%06d")
        return self.url(prefix=prefix)

    def peak(self, store, dc, online, n):
        args = ["status", store] + ([] if online else ["--offline"])
        rc, results, err, rss = self.run_measured(args, dc, nofile=1024)
        self.assertEqual(len(results), n + 1, err[-2000:])  # the fleet and the bot
        want = "authorized" if online else "has_key"
        self.assertEqual(sum(r["state"] == want for r in results), n + (0 if online else 1))
        # The bot's key belongs to the first test DC, unknown to this one.
        self.assertEqual(rc, 1 if online else 0, err[-2000:])
        return rss

    def test_peak_memory_does_not_grow_with_the_sessions_in_the_store(self):
        keys = [os.urandom(256) for _ in range(20_000)]
        state = self.path("testdc-state.json")
        fs.write_state(state, [(k, fs.user_for(i)) for i, k in enumerate(keys[:5000])])
        dc = self.start_dc("--state", state)
        small, large, huge = (self.store_of(n, keys) for n in (500, 5000, 20_000))
        for online in (False, True):
            rss_s = self.peak(small, dc, online, 500)
            rss_l = self.peak(large, dc, online, 5000)
            print("\n%s: peak RSS %d KiB for 500 sessions in the store, %d KiB for 5,000"
                  % ("online" if online else "offline", rss_s, rss_l))
            self.assertLess(rss_l - rss_s, 16 * 1024, "online" if online else "offline")
        rss_s = self.peak(small, dc, False, 500)
        rss_h = self.peak(huge, dc, False, 20_000)
        print("offline: peak RSS %d KiB for 500 sessions, %d KiB for 20,000" % (rss_s, rss_h))
        self.assertLess(rss_h - rss_s, 2 * 1024, "the peak grows with the number of sessions")


if __name__ == "__main__":
    p.main()
