"""Real proxy servers from Debian, started on 127.0.0.1 for the proxy end-to-end tests:
dante-server (danted, SOCKS5 with or without RFC 1929 user/password), microsocks (SOCKS5),
tinyproxy (HTTP CONNECT with Basic auth). Each runs in the foreground as a child process and is
stopped by stop(); their logs stay in the test's folder."""
import os
import shutil
import signal
import socket
import subprocess
import time

DANTED = "/usr/sbin/danted"
MICROSOCKS = "/usr/bin/microsocks"
TINYPROXY = "/usr/bin/tinyproxy"

# dante checks SOCKS user names and passwords against the system's accounts, so the
# authenticated dante case needs this account (created when running as root, as CI does).
DANTE_USER = "tgs-proxy-e2e"
DANTE_PASSWORD = "Dante-e2e-pw-5819"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc, what, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("%s exited with %s before listening" % (what, proc.returncode))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("%s is not listening on %d" % (what, port))


def missing(*binaries):
    """The binaries (of those given) that are not installed."""
    return [b for b in binaries if not os.access(b, os.X_OK)]


def ensure_dante_account():
    """Creates (or re-passwords) the system account dante authenticates against. Root only."""
    if os.geteuid() != 0:
        return False
    if subprocess.run(["id", DANTE_USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", DANTE_USER], check=True)
    subprocess.run(["chpasswd"], input=("%s:%s\n" % (DANTE_USER, DANTE_PASSWORD)).encode(),
                   check=True)
    return True


class ProxyServer:
    def __init__(self, name, argv, port, workdir):
        self.name = name
        self.port = port
        self.log_path = os.path.join(workdir, name + ".out")
        self._out = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self._out,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_listening(port, self.proc, name)
        except AssertionError:
            self.stop()
            raise

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc.poll() is None:
            # danted forks helpers into its session: signal the whole group.
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._out.close()


def start_dante(workdir, with_auth):
    port = free_port()
    conf = os.path.join(workdir, "danted%s.conf" % ("-auth" if with_auth else ""))
    log = conf[:-5] + ".log"
    with open(conf, "w") as f:
        f.write("logoutput: %s\n" % log)
        f.write("internal: 127.0.0.1 port = %d\n" % port)
        f.write("external: 127.0.0.1\n")
        f.write("clientmethod: none\n")
        f.write("socksmethod: %s\n" % ("username" if with_auth else "none"))
        # Checking system passwords needs root; the relaying itself does not.
        f.write("user.privileged: root\nuser.unprivileged: nobody\n")
        f.write("client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }\n")
        f.write("socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: connect }\n")
    return ProxyServer("danted", [DANTED, "-f", conf, "-N", "1", "-p", conf + ".pid"], port,
                       workdir)


def start_microsocks(workdir, user=None, password=None):
    port = free_port()
    argv = [MICROSOCKS, "-i", "127.0.0.1", "-p", str(port)]
    if user:
        argv += ["-u", user, "-P", password]
    return ProxyServer("microsocks", argv, port, workdir)


def start_tinyproxy(workdir, user, password, connect_ports=()):
    """`connect_ports` empty = CONNECT to any port (tinyproxy's rule when none is listed)."""
    port = free_port()
    conf = os.path.join(workdir, "tinyproxy-%d.conf" % port)
    with open(conf, "w") as f:
        f.write("Port %d\nListen 127.0.0.1\nTimeout 60\nMaxClients 20\n" % port)
        f.write("Allow 127.0.0.1\nLogLevel Info\n")
        f.write("BasicAuth %s %s\n" % (user, password))
        for p in connect_ports:
            f.write("ConnectPort %d\n" % p)
        if os.geteuid() == 0:
            f.write("User nobody\nGroup nogroup\n")
    return ProxyServer("tinyproxy", [TINYPROXY, "-d", "-c", conf], port, workdir)
