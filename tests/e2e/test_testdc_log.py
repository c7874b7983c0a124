"""tgsession-testdc -vv names the method of every request (unwrapped from invokeWithLayer and
initConnection), so people testing their login scripts can see what their client sends."""
import e2e_support as e
from e2e_support import E2ETestCase


class TestDcLog(E2ETestCase):
    testdc_args = ("-vv",)

    def test_methods_are_named_in_the_debug_log(self):
        self.login_scripted(self.path("bob.session"), e.BOB_PHONE, e.BOB_CODE)
        log = self.dc.log()
        for method in ("auth.sendCode", "auth.signIn"):
            self.assertIn(": " + method, log)
        self.assertNotIn("initConnection", log)  # wrappers are looked through
        self.assertNotIn(e.BOB_CODE, log)  # the method name only, never the arguments


if __name__ == "__main__":
    e.main()
