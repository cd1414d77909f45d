#!/usr/bin/env python3
"""Makes real migration streams with the QEMU lab (scripts/install-qemu-lab.sh) for Tern's knowledge templates.

For each QEMU version, machine type and CPU model in the lists below, it starts the real QEMU paused under TCG,
migrates to a gzip file over QMP, and records how the stream was made as a line of OUT/lab-streams.jsonl in the
layout of tests/fixtures/outcomes.jsonl. Then:

  ./tern knowledge build-templates --outcomes OUT/lab-streams.jsonl --streams OUT \
      --out src/Tern/Knowledge/Data/templates --origin lab

Usage: scripts/make-lab-streams.py OUT [LAB_DIR]
"""
import json
import os
import socket
import subprocess
import sys
import time

OUT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
LAB = sys.argv[2] if len(sys.argv) > 2 else os.environ.get(
    "TERN_LAB_DIR", os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "tern", "lab"))
BASE = ["-nodefaults", "-nographic", "-S", "-accel", "tcg"]
# The newest machine type of each version, and the versions' shared ones.
NEWEST = {"5.2": "5.2", "7.2": "7.2", "10.0.2": "10.0", "10.0.13": "10.0"}
ARM_CPUS = ["cortex-a53", "cortex-a57,pmu=off", "cortex-a72", "cortex-a76", "neoverse-n1", "a64fx", "cortex-a15", "max,pmu=off"]
PPC_CPUS = ["POWER8", "power9_v2.0", "POWER10", "POWER11", "power10_v1.0", "POWER7", "power9_v2.2", "POWER8E"]


def migrate(version, arch, args, out):
    meta = json.load(open(os.path.join(LAB, version, "tern-lab.json")))
    sock = f"/tmp/tern-lab-{os.getpid()}.sock"
    if os.path.exists(sock):
        os.unlink(sock)
    p = subprocess.Popen([meta["wrappers"][arch], "-L", meta["firmwareDir"]] + BASE + args +
                         ["-qmp", f"unix:{sock},server=on,wait=off"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            if os.path.exists(sock) or p.poll() is not None:
                break
            time.sleep(0.05)
        if p.poll() is not None:
            return False, p.stderr.read().decode()
        s = socket.socket(socket.AF_UNIX)
        for _ in range(100):  # the socket file can appear before QEMU listens on it
            try:
                s.connect(sock)
                break
            except (ConnectionRefusedError, FileNotFoundError):
                time.sleep(0.05)
        f = s.makefile("rw")
        f.readline()

        def cmd(c):
            f.write(json.dumps(c) + "\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "event" not in reply:
                    return reply

        cmd({"execute": "qmp_capabilities"})
        cmd({"execute": "migrate", "arguments": {"uri": f"exec:gzip -1 > {out}"}})
        status = None
        for _ in range(1200):
            status = cmd({"execute": "query-migrate"})["return"].get("status")
            if status in ("completed", "failed"):
                break
            time.sleep(0.05)
        cmd({"execute": "quit"})
        p.wait(timeout=30)
        return status == "completed", p.stderr.read().decode()
    finally:
        if p.poll() is None:
            p.kill()


def cases():
    for v, newest in NEWEST.items():
        machines = sorted({newest, "5.2", "7.2"}) if v != "5.2" else ["5.2"]
        for m in machines:
            for cpu in ARM_CPUS:
                yield v, "aarch64", ["-machine", f"virt-{m}", "-m", "256", "-cpu", cpu]
            for cpu in PPC_CPUS:
                yield v, "ppc64", ["-machine", f"pseries-{m}", "-m", "256", "-cpu", cpu]
        # Older machine types with the machine's default CPU (and 'max' on virt): their sections and
        # compat properties differ from the newest machine's. A machine a version lacks is skipped.
        for m in ["2.12", "3.1", "4.2", "5.2", "6.2", "7.2", "8.2", "9.2", newest]:
            yield v, "ppc64", ["-machine", f"pseries-{m}", "-m", "256"]
            yield v, "aarch64", ["-machine", f"virt-{m}", "-m", "256"]
            yield v, "aarch64", ["-machine", f"virt-{m}", "-m", "256", "-cpu", "max"]
            yield v, "aarch64", ["-machine", f"virt-{m}", "-m", "256", "-cpu", "cortex-a57"]
        for compat in ["power8", "power9"]:
            for cpu in ["POWER9", "POWER10"]:
                yield v, "ppc64", ["-machine", f"pseries-{newest},max-cpu-compat={compat}", "-m", "256", "-cpu", cpu]


def main():
    os.makedirs(OUT, exist_ok=True)
    seen = set()
    with open(os.path.join(OUT, "lab-streams.jsonl"), "w") as log:
        for v, arch, args in cases():
            if (v, arch, tuple(args)) in seen:
                continue
            seen.add((v, arch, tuple(args)))
            name = "lab-" + v + "-" + "-".join(a.replace(",", "_").replace("=", "_") for a in args if not a.startswith("-") and a != "256")
            out = os.path.join(OUT, name + ".stream.gz")
            ok, stderr = migrate(v, arch, args, out)
            if not ok and os.path.exists(out):
                os.unlink(out)
            log.write(json.dumps({"case": name, "hop": "forward", "source": {"qemu": v, "args": BASE + args},
                                  "outcome": "success" if ok else "source-start-failed",
                                  "stderr": stderr.splitlines(), "stream": os.path.basename(out) if ok else None}) + "\n")
            print(name, "ok" if ok else "refused: " + stderr.strip().splitlines()[-1:][0] if stderr.strip() else "failed", flush=True)


if __name__ == "__main__":
    main()
