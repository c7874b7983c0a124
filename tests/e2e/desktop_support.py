"""Runs the official Telegram Desktop (Debian's telegram-desktop 4.6.5) headless under Xvfb, and
turns Xvfb's framebuffer (an XWD file, `Xvfb -fbdir`) into a PNG with the standard library, so
the test keeps a screenshot without an extra package."""
import os
import shutil
import signal
import struct
import subprocess
import time
import zlib

APP = "/usr/bin/telegram-desktop"
XVFB = "/usr/bin/Xvfb"


def available():
    return os.access(APP, os.X_OK) and os.access(XVFB, os.X_OK)


def free_display():
    for n in range(90, 200):
        if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists("/tmp/.X%d-lock" % n):
            return n
    raise RuntimeError("no free X display number")


class Desktop:
    """Xvfb on a free display plus the app with `-workdir WORKDIR -debug`."""

    def __init__(self, workdir, scratch):
        self.workdir = workdir
        self.fbdir = os.path.join(scratch, "fb")
        os.makedirs(self.fbdir, exist_ok=True)
        self.display = free_display()
        self.xvfb = subprocess.Popen(
            [XVFB, ":%d" % self.display, "-screen", "0", "1280x800x24", "-fbdir", self.fbdir,
             "-nolisten", "tcp"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while not os.path.exists("/tmp/.X11-unix/X%d" % self.display):
            if time.monotonic() > deadline or self.xvfb.poll() is not None:
                self.stop()
                raise AssertionError("Xvfb did not start")
            time.sleep(0.1)
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "DISPLAY": ":%d" % self.display,
               "XDG_RUNTIME_DIR": scratch, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
        self.log = open(os.path.join(scratch, "app.out"), "wb")
        self.app = subprocess.Popen([APP, "-workdir", workdir + "/", "-debug"], env=env,
                                    stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                    start_new_session=True)

    def running(self):
        return self.app.poll() is None

    def screenshot(self, png_path):
        """Writes the screen as a PNG and returns its RGB rows."""
        with open(os.path.join(self.fbdir, "Xvfb_screen0"), "rb") as f:
            width, height, rows = read_xwd(f.read())
        write_png(png_path, width, height, rows)
        return rows

    def stop(self):
        for proc in (getattr(self, "app", None), self.xvfb):
            if proc is None or proc.poll() is not None:
                continue
            try:
                os.killpg(proc.pid, signal.SIGTERM) if proc is getattr(self, "app", None) \
                    else proc.terminate()
                proc.wait(10)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                proc.kill()
                proc.wait()
        if getattr(self, "log", None):
            self.log.close()


def read_xwd(data):
    """(width, height, RGB rows) of a 24/32-bit ZPixmap XWD image, as Xvfb -fbdir writes it."""
    header = struct.unpack(">25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    bits_per_pixel, bytes_per_line, ncolors = header[11], header[12], header[19]
    byte_order = header[7]  # 0 LSBFirst
    assert bits_per_pixel == 32, "unexpected XWD depth %d" % bits_per_pixel
    start = header_size + ncolors * 12
    rows = []
    for y in range(height):
        line = data[start + y * bytes_per_line:start + y * bytes_per_line + width * 4]
        if byte_order == 0:  # B G R x
            rgb = bytearray(width * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
        else:  # x R G B
            rgb = bytearray(width * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = line[1::4], line[2::4], line[3::4]
        rows.append(bytes(rgb))
    return width, height, rows


def write_png(path, width, height, rows):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def distinct_colours(rows, step=17):
    """How many different pixels a sparse sample has: a blank screen has one."""
    seen = set()
    for row in rows[::step]:
        for x in range(0, len(row) - 2, 3 * step):
            seen.add(row[x:x + 3])
    return len(seen)


def copy_logs(workdir, dest):
    src = os.path.join(workdir, "DebugLogs")
    if os.path.isdir(src):
        shutil.copytree(src, os.path.join(dest, "DebugLogs"), dirs_exist_ok=True)
