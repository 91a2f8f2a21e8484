# SPDX-License-Identifier: MIT
"""`make install` / `make uninstall` with PREFIX and DESTDIR: installs the
extension, include/verbatim.h and a pkg-config file into a temporary
staging directory, checks each file and that the installed extension loads
and the header compiles, then uninstalls and checks that nothing is left."""
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import unittest

from vb import ROOT

with open(os.path.join(ROOT, "VERSION")) as _f:
    VERSION = _f.read().strip()


def make(*args):
    return subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)


def pkgconfig(pcdir, *args):
    env = dict(os.environ, PKG_CONFIG_PATH=pcdir)
    res = subprocess.run(["pkg-config", *args, "verbatim"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    return res.returncode, res.stdout.strip()


class Install(unittest.TestCase):
    def setUp(self):
        self.dest = tempfile.mkdtemp(prefix="verbatim-install-")

    def tearDown(self):
        shutil.rmtree(self.dest, ignore_errors=True)

    def check_install(self, prefix, extra):
        res = make("install", "DESTDIR=" + self.dest, *extra)
        self.assertEqual(res.returncode, 0, res.stdout)
        root = self.dest + prefix
        so = os.path.join(root, "lib", "verbatim.so")
        header = os.path.join(root, "include", "verbatim.h")
        pc = os.path.join(root, "lib", "pkgconfig", "verbatim.pc")
        installed = sorted(os.path.relpath(os.path.join(d, f), self.dest)
                           for d, _, fs in os.walk(self.dest) for f in fs)
        self.assertEqual(installed, sorted(os.path.relpath(p, self.dest) for p in (so, header, pc)))
        for path in (so, header, pc):
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o644, path)
        with open(so, "rb") as a, open(os.path.join(ROOT, "dist", "verbatim.so"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        with open(header) as a, open(os.path.join(ROOT, "include", "verbatim.h")) as b:
            self.assertEqual(a.read(), b.read())

        # The pkg-config file names the installed places (without DESTDIR).
        pcdir = os.path.dirname(pc)
        self.assertEqual(pkgconfig(pcdir, "--modversion"), (0, VERSION))
        self.assertEqual(pkgconfig(pcdir, "--variable=extension"),
                         (0, prefix + "/lib/verbatim.so"))
        self.assertEqual(pkgconfig(pcdir, "--variable=includedir"), (0, prefix + "/include"))
        rc, cflags = pkgconfig(pcdir, "--cflags")
        self.assertEqual(rc, 0)
        self.assertIn("-I" + prefix + "/include", cflags.split())

        # The installed extension loads; the installed header compiles.
        conn = sqlite3.connect(":memory:")
        conn.enable_load_extension(True)
        conn.load_extension(os.path.splitext(so)[0])
        self.assertEqual(conn.execute("select verbatim_version()").fetchone()[0], VERSION)
        conn.close()
        src = os.path.join(self.dest, "use.c")
        with open(src, "w") as f:
            f.write("#include <verbatim.h>\n"
                    "int (*entry)(sqlite3 *, char **, const sqlite3_api_routines *) ="
                    " sqlite3_verbatim_init;\n"
                    "int major = VB_VERSION_MAJOR, minor = VB_VERSION_MINOR;\n")
        res = subprocess.run(["cc", "-fsyntax-only", "-Wall", "-Werror",
                              "-I" + os.path.join(root, "include"), src],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(res.returncode, 0, res.stdout)
        os.remove(src)

        res = make("uninstall", "DESTDIR=" + self.dest, *extra)
        self.assertEqual(res.returncode, 0, res.stdout)
        left = [os.path.join(d, f) for d, _, fs in os.walk(self.dest) for f in fs]
        self.assertEqual(left, [])

    def test_default_prefix(self):
        self.check_install("/usr/local", [])

    def test_custom_prefix(self):
        self.check_install("/opt/verbatim", ["PREFIX=/opt/verbatim"])


if __name__ == "__main__":
    unittest.main()
