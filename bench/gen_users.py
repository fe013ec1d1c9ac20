#!/usr/bin/env python3
"""Generates the benchmark's users in the three forms the benchmark needs.

Domain example.test, users user0000 ... user9999, password "pw-" plus the same
four digits. Written into OUT_DIR:

  users.csv           SIPp injection file: user;password;callee;credentials
                      (callee is another user, the one 5000 further on;
                      credentials is SIPp's [authentication ...] keyword
                      with this user's name and password, which SIPp only
                      expands with literal values, not with nested fields)
  repro-users.json    a repro store document for `repro db import`
  kamailio-db/        a Kamailio db_text database: `version` and `subscriber`
                      (password, ha1 = MD5(user:realm:password) and
                      ha1b = MD5(user@domain:realm:password); realm = domain)

Standard library only.
"""
import argparse
import hashlib
import json
import os

DOMAIN = "example.test"


def user(i):
    return "user%04d" % i


def password(i):
    return "pw-%04d" % i


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=10000, help="number of users (at most 10000)")
    args = ap.parse_args()
    n = args.count
    if not 1 <= n <= 10000:
        ap.error("--count must be 1..10000")
    os.makedirs(args.out_dir, exist_ok=True)

    # SIPp: first line is the reading order; fields separated by ';'.
    lines = ["SEQUENTIAL"]
    for i in range(n):
        lines.append("%s;%s;%s;[authentication username=%s password=%s]"
                     % (user(i), password(i), user((i + n // 2) % n), user(i), password(i)))
    write_atomically(os.path.join(args.out_dir, "users.csv"), "\n".join(lines) + "\n")

    doc = {
        "format": "repro-store",
        "version": 1,
        "domains": [{"name": DOMAIN}],
        "users": [{"user": user(i), "domain": DOMAIN, "password": password(i)} for i in range(n)],
    }
    write_atomically(os.path.join(args.out_dir, "repro-users.json"), json.dumps(doc, indent=1) + "\n")

    # Kamailio db_text: a header line of typed columns, then ':'-separated rows.
    db = os.path.join(args.out_dir, "kamailio-db")
    os.makedirs(db, exist_ok=True)
    write_atomically(os.path.join(db, "version"),
                     "id(int,auto) table_name(string) table_version(int) \n"
                     "0:version:1\n1:subscriber:7\n")
    rows = ["id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string) "]
    for i in range(n):
        ha1 = md5("%s:%s:%s" % (user(i), DOMAIN, password(i)))
        ha1b = md5("%s@%s:%s:%s" % (user(i), DOMAIN, DOMAIN, password(i)))
        rows.append("%d:%s:%s:%s:%s:%s" % (i + 1, user(i), DOMAIN, password(i), ha1, ha1b))
    write_atomically(os.path.join(db, "subscriber"), "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
