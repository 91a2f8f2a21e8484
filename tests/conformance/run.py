# SPDX-License-Identifier: MIT
"""tests/conformance/run.py -- run every tests/conformance/check_*.py.

Each check reads evaluation data from ../shared/data (skipping, with a
message, when it is absent), prints its accuracy figures, and returns
(passed, failed).  This prints the closing line over all of them."""
import importlib.util
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(here), "python"))
passed = failed = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("check_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
        p, f = mod.run()
    except Exception as e:  # a broken check is a failure, not a crash of the runner
        print(f"ERROR {name}: {e!r}")
        p, f = 0, 1
    print(f"{name}: {p} passed, {f} failed")
    passed += p
    failed += f
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
