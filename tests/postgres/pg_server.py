"""A throwaway PostgreSQL server for the tests: Debian's postgresql binaries, a temporary data
directory, a free port on 127.0.0.1, password (SCRAM) authentication over TCP. PostgreSQL refuses
to run as root, so under root (CI) the server runs as `nobody`, owning only its temp dirs.
Stdlib only; psycopg2 (Debian python3-psycopg2) is used by the tests, not here."""
import glob
import io
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ADMIN_USER = "tgs_admin"
ADMIN_PASSWORD = "pg-Adm1n-5ecret-Value-77"  # unusual on purpose: a match in output is a leak
DBNAME = "tgs"


def _bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                   key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError("no PostgreSQL server: install Debian's postgresql package")
    return os.path.dirname(found[-1])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self):
        self.bindir = _bindir()
        self.base = tempfile.mkdtemp(prefix="tgs-pg-")
        os.chmod(self.base, 0o755)  # the server user must reach its dirs inside
        self.data = os.path.join(self.base, "data")
        self.sock = os.path.join(self.base, "sock")
        self.port = _free_port()
        self.proc = None
        self._log = None
        self._as_user = {}
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self._as_user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
            owner = (nobody.pw_uid, nobody.pw_gid)
        else:
            owner = None
        for d in (self.data, self.sock):
            os.mkdir(d, 0o700)
            if owner:
                os.chown(d, *owner)
        pwfile = os.path.join(self.sock, "pw")  # inside a 0700 dir of the server user
        with open(pwfile, "w") as f:
            f.write(ADMIN_PASSWORD + "\n")
        if owner:
            os.chown(pwfile, *owner)
        self._run(["initdb", "-D", self.data, "-U", ADMIN_USER, "--pwfile", pwfile,
                   "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                   "--locale=C", "--no-sync"])
        os.unlink(pwfile)
        self.proc = subprocess.Popen(
            [os.path.join(self.bindir, "postgres"), "-D", self.data, "-p", str(self.port),
             "-k", self.sock, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=60", "-c", "shared_buffers=32MB",
             "-c", "max_locks_per_transaction=128"],
            stdout=subprocess.DEVNULL, stderr=self._open_log(),
            cwd=self.base, **self._as_user)
        try:
            self._wait_ready()
            self.admin_sql("CREATE DATABASE %s" % DBNAME, db="postgres")
        except BaseException:
            # No caller holds this object yet, so nobody else would stop the server.
            self.stop()
            raise

    def _open_log(self):
        self._log = open(os.path.join(self.base, "server.log"), "wb")
        return self._log

    def _run(self, argv):
        subprocess.run([os.path.join(self.bindir, argv[0])] + argv[1:], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.base,
                       **self._as_user)

    def _wait_ready(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("postgres exited: " + self.log())
            r = subprocess.run([os.path.join(self.bindir, "pg_isready"), "-h", "127.0.0.1",
                                "-p", str(self.port)], capture_output=True)
            if r.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("postgres did not start: " + self.log())

    def log(self):
        try:
            with open(os.path.join(self.base, "server.log"), errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def url(self, session=None, prefix=None, password=False, user=ADMIN_USER, db=DBNAME):
        """postgresql://user[:pass]@127.0.0.1:PORT/db?session=…&table_prefix=…"""
        cred = user + (":" + ADMIN_PASSWORD if password else "")
        u = "postgresql://%s@127.0.0.1:%d/%s" % (cred, self.port, db)
        params = []
        if session is not None:
            params.append("session=" + session)
        if prefix is not None:
            params.append("table_prefix=" + prefix)
        return u + ("?" + "&".join(params) if params else "")

    def connect(self, db=DBNAME):
        import psycopg2  # Debian python3-psycopg2
        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user=ADMIN_USER,
                                password=ADMIN_PASSWORD, dbname=db)
        conn.autocommit = True
        return conn

    def copy_fleet(self, prefix, keys, user_for, name_format):
        """Row sets of telethon-session-sqlalchemy for many sessions at once (COPY, not one
        INSERT each; tgsession made the tables): session i is `name_format % i`, on DC 2 with
        keys[i], its user from user_for(i) (tests/e2e/fleet_support.py)."""
        conn = self.connect()
        cur = conn.cursor()
        sessions, entities, states = io.StringIO(), io.StringIO(), io.StringIO()
        for i, key in enumerate(keys):
            sid = name_format % i
            u = user_for(i)
            sessions.write("%s\t2\t127.0.0.1\t443\t\\\\x%s\n" % (sid, key.hex()))
            entities.write("%s\t%d\t%d\t%s\t%s\tFleet %s\n"
                           % (sid, u["id"], u["access_hash"], u["username"], u["phone"],
                              u["last_name"]))
            states.write("%s\t0\t1\t0\t1700000000\t1\t0\n" % sid)
        for table, data in (("sessions", sessions), ("entities", entities),
                            ("update_state", states)):
            data.seek(0)
            cur.copy_expert('COPY "%s%s" FROM STDIN' % (prefix, table), data)
        cur.execute("ANALYZE")
        conn.close()

    def admin_sql(self, sql, db=DBNAME):
        conn = self.connect(db)
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown: ends sessions, no waiting
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log:
            self._log.close()
        shutil.rmtree(self.base, ignore_errors=True)
