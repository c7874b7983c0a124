"""An independent implementation of Telegram Desktop's tdata format (read and write) for the
tests, from the published facts only: Python's hashlib (MD5, SHA1, SHA512, PBKDF2-HMAC-SHA512)
and the `cryptography` package's AES block cipher (IGE chained here by hand). It shares no code
with tgsession, so a file both accept is the format, not a shared mistake.

Facts (tdesktop v4.6.5): storage_file_utilities.cpp (TDF$ container, local key, encrypted
parts), storage_domain.cpp (key_datas), storage_account.cpp (map, account file, configs),
main_account.cpp (authorization block), mtproto_config.cpp / mtproto_dc_options.cpp (config).
"""
import hashlib
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

APP_VERSION = 4006005
MAGIC = b"TDF$"


def md5_name(index):
    """The 16 hex digits naming account `index`'s files (lowest nibble first)."""
    name = "data" if index == 0 else "data#%d" % (index + 1)
    value = struct.unpack("<Q", hashlib.md5(name.encode()).digest()[:8])[0]
    return "".join("0123456789ABCDEF"[(value >> (4 * i)) & 15] for i in range(16))


# --- the TDF$ container -------------------------------------------------------------------
def tdf_encode(payload, version=APP_VERSION):
    tail = payload + struct.pack("<i", len(payload)) + struct.pack("<i", version) + MAGIC
    return MAGIC + struct.pack("<i", version) + payload + hashlib.md5(tail).digest()


def tdf_decode(image):
    assert image[:4] == MAGIC, "no TDF$ magic"
    version = struct.unpack("<i", image[4:8])[0]
    payload, digest = image[8:-16], image[-16:]
    tail = payload + struct.pack("<i", len(payload)) + struct.pack("<i", version) + MAGIC
    assert hashlib.md5(tail).digest() == digest, "MD5 mismatch"
    return version, payload


# --- QDataStream ----------------------------------------------------------------------------
class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        assert self.pos + n <= len(self.data), "truncated"
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def i32(self):
        return struct.unpack(">i", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]

    def array(self):
        n = self.u32()
        return b"" if n == 0xFFFFFFFF else self.take(n)

    def at_end(self):
        return self.pos == len(self.data)


def array(b):
    return struct.pack(">I", len(b)) + b


# --- local encryption -----------------------------------------------------------------------
def local_key(passcode, salt):
    rounds = 100000 if passcode else 1
    return hashlib.pbkdf2_hmac("sha512", hashlib.sha512(salt + passcode + salt).digest(), salt,
                               rounds, 256)


def old_mtp_kdf(key, msg_key, x=8):
    sha1 = lambda b: hashlib.sha1(b).digest()
    a = sha1(msg_key + key[x:x + 32])
    b = sha1(key[32 + x:48 + x] + msg_key + key[48 + x:64 + x])
    c = sha1(key[64 + x:96 + x] + msg_key)
    d = sha1(msg_key + key[96 + x:128 + x])
    return a[:8] + b[8:20] + c[4:16], a[8:20] + b[:8] + c[16:20] + d[:8]


def _xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def ige(data, key, iv, encrypt):
    ecb = Cipher(algorithms.AES(key), modes.ECB())
    op = ecb.encryptor() if encrypt else ecb.decryptor()
    prev_out, prev_in = (iv[:16], iv[16:]) if encrypt else (iv[16:], iv[:16])
    out = b""
    for i in range(0, len(data), 16):
        block = data[i:i + 16]
        res = _xor(op.update(_xor(block, prev_out)), prev_in)
        # encrypt: c = E(p ^ c_prev) ^ p_prev;  decrypt: p = D(c ^ p_prev) ^ c_prev
        prev_out, prev_in = res, block
        out += res
    return out


def encrypt_local(payload, key):
    plain = struct.pack("<I", len(payload) + 4) + payload
    plain += os.urandom((-len(plain)) % 16)
    msg_key = hashlib.sha1(plain).digest()[:16]
    aes_key, aes_iv = old_mtp_kdf(key, msg_key)
    return msg_key + ige(plain, aes_key, aes_iv, True)


def decrypt_local(encrypted, key):
    msg_key = encrypted[:16]
    aes_key, aes_iv = old_mtp_kdf(key, msg_key)
    plain = ige(encrypted[16:], aes_key, aes_iv, False)
    if hashlib.sha1(plain).digest()[:16] != msg_key:
        return None
    length = struct.unpack("<I", plain[:4])[0]
    assert 4 <= length <= len(plain) and length + 16 > len(plain), "bad inner length"
    return plain[4:length]


# --- folders --------------------------------------------------------------------------------
def read_tdf(path):
    with open(path, "rb") as f:
        return tdf_decode(f.read())


def read_encrypted_file(path, key):
    _, payload = read_tdf(path)
    return decrypt_local(Reader(payload).array(), key)


def read_folder(folder, passcode=b""):
    """{"active", "accounts": [{"index", "user_id", "main_dc", "keys": {dc: key},
    "config": {"test", "options": [(dc, flags, ip, port)], "rsa": [(dc, n, e)]}}]}"""
    _, payload = read_tdf(os.path.join(folder, "key_datas"))
    r = Reader(payload)
    salt, key_enc, info_enc = r.array(), r.array(), r.array()
    local = decrypt_local(key_enc, local_key(passcode, salt))
    assert local is not None, "wrong passcode"
    info = Reader(decrypt_local(info_enc, local))
    indices = [info.i32() for _ in range(info.i32())]
    result = {"active": info.i32(), "accounts": []}
    for index in indices:
        name = md5_name(index)
        auth = Reader(read_encrypted_file(os.path.join(folder, name + "s"), local))
        assert auth.u32() == 0x4B
        inner = Reader(auth.array())
        assert inner.u64() == 0xFFFFFFFFFFFFFFFF
        account = {"index": index, "user_id": inner.u64(), "main_dc": inner.i32(), "keys": {}}
        for _ in range(inner.i32()):
            dc = inner.i32()
            account["keys"][dc] = inner.take(256)
        config_path = os.path.join(folder, name, "configs")
        if os.path.exists(config_path):
            c = Reader(Reader(read_encrypted_file(config_path, local)).array())
            assert c.i32() == 1
            cfg = {"test": c.i32() == 1, "options": [], "rsa": []}
            o = Reader(c.array())
            assert o.i32() == -2
            for _ in range(o.i32()):
                dc, flags, port = o.i32(), o.i32(), o.i32()
                ip = o.take(o.i32()).decode()
                o.take(o.i32())  # secret
                cfg["options"].append((dc, flags, ip, port))
            for _ in range(o.i32()):
                cfg["rsa"].append((o.i32(), o.array(), o.array()))
            account["config"] = cfg
        # The map must decrypt with the same local key.
        _, map_payload = read_tdf(os.path.join(folder, name, "maps"))
        m = Reader(map_payload)
        m.array(), m.array()
        assert decrypt_local(m.array(), local) is not None
        result["accounts"].append(account)
    return result


def write_folder(folder, user_id, main_dc, key, options, rsa, passcode=b"", index=0,
                 config_version=1):
    """A one-account folder as the app writes it."""
    local = os.urandom(256)
    salt = os.urandom(32)
    name = md5_name(index)
    os.makedirs(os.path.join(folder, name), exist_ok=True)

    def write(path, payload):
        with open(path, "wb") as f:
            f.write(tdf_encode(payload))

    inner = struct.pack(">QQi", 0xFFFFFFFFFFFFFFFF, user_id, main_dc)
    inner += struct.pack(">ii", 1, main_dc) + key + struct.pack(">i", 0)
    write(os.path.join(folder, name + "s"),
          array(encrypt_local(struct.pack(">I", 0x4B) + array(inner), local)))
    write(os.path.join(folder, name, "maps"),
          array(b"") + array(b"") + array(encrypt_local(b"", local)))
    opts = struct.pack(">ii", -2, len(options))
    for dc, flags, ip, port in options:
        opts += struct.pack(">iiii", dc, flags, port, len(ip)) + ip.encode() + struct.pack(">i", 0)
    opts += struct.pack(">i", len(rsa))
    for dc, n, e in rsa:
        opts += struct.pack(">i", dc) + array(n) + array(e)
    config = struct.pack(">ii", config_version, 0) + array(opts) + b"\0" * 4  # rest: ignored
    write(os.path.join(folder, name, "configs"), array(encrypt_local(array(config), local)))
    key_data = array(salt) + array(encrypt_local(local, local_key(passcode, salt)))
    key_data += array(encrypt_local(struct.pack(">iii", 1, index, index), local))
    write(os.path.join(folder, "key_datas"), key_data)
