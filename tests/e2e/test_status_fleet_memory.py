"""Peak memory of `tgsession status` does not grow with the number of files (issue 8): 500
and 5,000 real sessions, offline and online, differ by less than 16 MB of peak RSS. Labelled
`load` (not run under ASan, whose quarantine grows with every allocation)."""
import os

import e2e_support as e
from fleet_support import Fleet, FleetTestCase


class StatusFleetMemory(FleetTestCase):
    def test_peak_memory_does_not_grow_with_the_number_of_files(self):
        work = self.path("fleet")
        os.makedirs(work)
        f = Fleet(self, work, authorized=5000)
        dc = self.start_fleet_dc(f)
        small = ("\n".join(f.order[:500]) + "\n").encode()
        large = ("\n".join(f.order) + "\n").encode()
        for extra in (["--offline"], []):
            args = ["status", "--files-from", "-"] + extra
            rc_s, res_s, _, rss_s = self.run_measured(args, dc, small, nofile=1024)
            rc_l, res_l, _, rss_l = self.run_measured(args, dc, large, nofile=1024)
            self.assertEqual((rc_s, rc_l), (0, 0))
            self.assertEqual((len(res_s), len(res_l)), (500, 5000))
            self.assertTrue(all(j["state"] == ("has_key" if extra else "authorized")
                                for j in res_s + res_l))
            self.assertLess(rss_l - rss_s, 16 * 1024,
                            "%s: peak RSS %d KiB for 500 files, %d KiB for 5000"
                            % (extra, rss_s, rss_l))


if __name__ == "__main__":
    e.main()
