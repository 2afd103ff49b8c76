#!/usr/bin/env python3
"""Reads a jsii-built wheel for scripts/python-proof.sh.

  python-wheel-info.py fingerprint-matches WHEEL JSII   exit 0 when the wheel bundles that .jsii
  python-wheel-info.py requirements WHEEL [SKIP...]     print Requires-Dist lines, minus SKIP names
"""
import json
import re
import sys
import tarfile
import zipfile


def bundled_assembly(wheel: str) -> dict:
    """The .jsii manifest inside the npm tarball that jsii-pacmak bundles into the wheel."""
    with zipfile.ZipFile(wheel) as whl:
        tarballs = [n for n in whl.namelist() if "/_jsii/" in n and n.endswith(".jsii.tgz")]
        if len(tarballs) != 1:
            sys.exit(f"{wheel}: expected one bundled jsii tarball, found {tarballs}")
        with whl.open(tarballs[0]) as raw, tarfile.open(fileobj=raw, mode="r:gz") as tgz:
            member = tgz.extractfile("package/.jsii")
            if member is None:
                sys.exit(f"{wheel}: {tarballs[0]} has no package/.jsii")
            return json.load(member)


def requirements(wheel: str, skip: list) -> list:
    """Requires-Dist entries of the wheel's METADATA whose project name is not in skip."""
    with zipfile.ZipFile(wheel) as whl:
        metadata = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        lines = whl.read(metadata).decode("utf-8").splitlines()
    wanted = []
    for line in lines:
        if not line.startswith("Requires-Dist:"):
            continue
        requirement = line.split(":", 1)[1].strip()
        name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        if name not in skip:
            wanted.append(requirement.replace(" ", ""))
    return wanted


def main(argv: list) -> int:
    if len(argv) >= 3 and argv[0] == "fingerprint-matches":
        with open(argv[2], encoding="utf-8") as f:
            local = json.load(f)["fingerprint"]
        return 0 if bundled_assembly(argv[1])["fingerprint"] == local else 1
    if len(argv) >= 2 and argv[0] == "requirements":
        print("\n".join(requirements(argv[1], [s.lower() for s in argv[2:]])))
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
