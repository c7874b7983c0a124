"""Telethon 1.25.1's own MTProto 2.0 message crypto, timed for comparison with
tgs_bench_handshake's BM_EncryptMessage / BM_DecryptMessage.

usage: telethon_message_crypto.py SIZE...   (body sizes in bytes, multiples of 4)
Prints one JSON object {"encrypt": {size: seconds per call}, "decrypt": {...}, "aes": ...}.
encrypt: MTProtoState.encrypt_message_data (msg_key, KDF, AES-IGE; salt/session prepended).
decrypt: MTProtoState.decrypt_message_data on a server packet whose body is upload.file with
SIZE-ish bytes, so the TL parse after decryption is a single bytes copy.
"""
import collections
import json
import logging
import os
import struct
import sys
import time
from hashlib import sha256

from telethon.crypto import AES, AuthKey
from telethon.crypto import aes as aes_module
from telethon.network.mtprotostate import MTProtoState


def per_call(fn, min_seconds=0.5):
    """Seconds per call of fn, from batches doubling until min_seconds of CPU time."""
    n = 1
    while True:
        t = time.process_time()
        for _ in range(n):
            fn()
        spent = time.process_time() - t
        if spent >= min_seconds:
            return spent / n
        n *= 2


def server_packet(state, body):
    """What the server would send: salt, session, odd msg_id, seq, len, body; x = 8 KDF."""
    key = state.auth_key.key
    msg_id = (int(time.time()) << 32) | 1
    plain = struct.pack('<qqqii', 0, state.id, msg_id, 1, len(body)) + body
    plain += os.urandom(-(len(plain) + 12) % 16 + 12)
    msg_key = sha256(key[88 + 8:88 + 8 + 32] + plain).digest()[8:24]
    aes_key, aes_iv = state._calc_key(key, msg_key, False)
    return struct.pack('<Q', state.auth_key.key_id) + msg_key + AES.encrypt_ige(plain, aes_key, aes_iv)


def upload_file_body(size):
    # upload.file#96a18d5 type:storage.fileUnknown#aa963b05 mtime:int bytes:bytes
    payload_len = max(0, size - 12 - 4)
    payload_len -= (payload_len + 4) % 4
    data = os.urandom(payload_len)
    head = struct.pack('<I', 254 | (payload_len << 8)) if payload_len >= 254 else bytes([payload_len])
    blob = head + data
    blob += b'\0' * (-len(blob) % 4)
    return struct.pack('<IIi', 0x096a18d5, 0xaa963b05, 0) + blob


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [1024, 65536]
    loggers = collections.defaultdict(logging.getLogger)
    state = MTProtoState(AuthKey(os.urandom(256)), loggers)
    out = {'encrypt': {}, 'decrypt': {},
           'aes_backend': 'cryptg' if aes_module.cryptg else
           ('libssl' if aes_module.libssl.encrypt_ige else 'pyaes')}
    for size in sizes:
        data = struct.pack('<qii', 0, 0, size) + os.urandom(size)  # msg_id, seq_no, len, body
        out['encrypt'][size] = per_call(lambda: state.encrypt_message_data(data))
        packet = server_packet(state, upload_file_body(size))

        def decrypt():
            state._recent_remote_ids.clear()  # the same packet again is not a replay here
            state._highest_remote_id = 0
            if state.decrypt_message_data(packet) is None:
                raise SystemExit('telethon ignored the packet')
        out['decrypt'][size] = per_call(decrypt)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
