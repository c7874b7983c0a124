"""`tgsession status` at fleet scale (issue 8): 2,000 real sessions under `ulimit -n 256` with
revoked, unknown, corrupt, missing, sealed and foreign files mixed in; every file gets its own
right answer and nothing healthy is called corrupt; peak memory does not grow with the number
of files; --files-from (newline and -0), directories, duplicates and --jobs 1."""
import os
import shutil

import e2e_support as e
from e2e_support import E2ETestCase
from fleet_support import PASSPHRASE, Fleet, FleetTestCase

class StatusFleet(FleetTestCase):
    def test_2000_sessions_under_ulimit_256(self):
        work = self.path("fleet")
        os.makedirs(work)
        f = Fleet(self, work, authorized=1790, revoked=100, unknown=40, corrupt=25, missing=20,
                  foreign=22, sealed=3)
        self.assertEqual(len(f.order), 2000)
        dc = self.start_fleet_dc(f)
        listing = ("\n".join(f.order) + "\n").encode()
        env = {"TGSESSION_PASSPHRASE": PASSPHRASE}
        rc, results, err, _ = self.run_measured(["status", "--files-from", "-"], dc, listing,
                                                nofile=256, env=env)
        f.check(results, online=True)
        self.assertEqual(rc, 65, "the first failing input is a corrupt file: " + err[-2000:])
        self.assertIn("status: 2000 sessions: 1793 authorized, 140 not authorized "
                      "(40 key_unknown, 100 unregistered), 67 errors (25 SESSION_CORRUPT, "
                      "22 SESSION_FOREIGN, 20 SESSION_NOT_FOUND)", err)

        # The same fleet offline, in input order.
        rc, results, err, _ = self.run_measured(
            ["status", "--offline", "--keep-order", "--files-from", "-"], dc, listing,
            nofile=256, env=env)
        f.check(results, online=False)
        self.assertEqual([j["session"] for j in results], f.order)
        self.assertEqual(rc, 65)

    def test_inputs_directory_list_nul_duplicates_and_one_job(self):
        work = self.path("fleet")
        os.makedirs(work)
        f = Fleet(self, work, authorized=12, revoked=2)
        dc = self.start_fleet_dc(f)
        # Names find -print0 may hand over: spaces and a newline inside a name.
        odd = [os.path.join(work, "with space.session"), os.path.join(work, "new\nline.session")]
        # The order is shuffled per run: copy authorized files where an authorized answer is
        # asserted (a revoked one answers "unregistered").
        good = [p for p in f.order if f.expected[p][0] == "authorized"]
        shutil.copy(good[0], odd[0])
        shutil.copy(good[1], odd[1])
        sub = os.path.join(work, "sub")
        os.makedirs(sub)
        picks = f.order[:4] if good[0] in f.order[:4] else f.order[:3] + [good[0]]
        for p in picks:
            shutil.copy(p, os.path.join(sub, os.path.basename(p)))
        with open(os.path.join(sub, "notes.txt"), "w") as fh:
            fh.write("not a session\n")  # only *.session files of a directory are checked
        rel = os.path.relpath(f.order[5], self.tmp)
        nul = b"".join(p.encode() + b"\0" for p in f.order + odd + f.order[:3])
        for jobs in (["--jobs", "1"], []):
            rc, results, err, _ = self.run_measured(
                ["status", sub, rel, "./" + rel, "--files-from", "-", "-0"] + jobs, dc, nul)
            sessions = [j["session"] for j in results]
            self.assertEqual(len(sessions), len(set(sessions)), "each file once")
            # 4 in the directory, `rel` (given twice more as ./rel and in the list), the
            # 14 listed (3 of them twice) and the 2 odd names.
            self.assertEqual(len(sessions), 4 + 1 + 13 + 2, sessions)
            self.assertIn(odd[1], sessions)
            self.assertEqual(rc, 1)  # two revoked keys
            by = {j["session"]: j for j in results}
            self.assertEqual(by[odd[1]]["state"], "authorized")
            self.assertEqual(by[os.path.join(sub, os.path.basename(good[0]))]["user_id"],
                             f.expected[good[0]][1])

    def test_missing_list_is_66(self):
        r = self.run_tgs("status", "--files-from", self.path("no-such-list"), "--offline")
        self.assertExit(r, 66)
        self.assertEqual(r.one_json()["error"]["code"], "STATUS_LIST_MISSING")


if __name__ == "__main__":
    e.main()
