"""Shared by the PostgreSQL store tests: the e2e helpers (real tgsession, real test DC) plus one
throwaway PostgreSQL server per test file; each test gets its own table prefix, so tests don't
see each other's sessions."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

import e2e_support as e  # noqa: E402
import pg_server  # noqa: E402

e.SECRETS.append(pg_server.ADMIN_PASSWORD)


class PgTestCase(e.E2ETestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = pg_server.PgServer()

    @classmethod
    def tearDownClass(cls):
        if cls.server:
            cls.server.stop()

    def setUp(self):
        super().setUp()
        self.prefix = "t%d_" % abs(hash(self.id()) % 10**8)

    def url(self, session=None, **kw):
        kw.setdefault("prefix", self.prefix)
        return self.server.url(session, **kw)

    def env(self, extra=None):
        base = {"PGPASSWORD": pg_server.ADMIN_PASSWORD}
        base.update(extra or {})
        return super().env(base)

    def sql(self, query):
        return self.server.admin_sql(query)


main = e.main
