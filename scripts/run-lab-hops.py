#!/usr/bin/env python3
"""Runs real migrations between the QEMU versions of the lab and records what happened, one JSON line per hop in
the layout of tests/fixtures/outcomes.jsonl (source/destination with qemu label and args, outcome, exit, stderr).

The source (paused, TCG) migrates to a gzip file over QMP; the destination starts with -incoming defer and loads it
with migrate-incoming; success is query-migrate reaching "completed", failure is the destination exiting (its stderr
is kept), a crash is a signal. This is the referee for Tern's predictions (tests/Tern.Tests/Predict/FidelityTests.cs).

Usage: scripts/run-lab-hops.py OUT.jsonl [LAB_DIR]      (hops: the lists at the end of this file)
"""
import importlib.util
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("mls", os.path.join(HERE, "make-lab-streams.py"))
OUT = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
sys.argv = [sys.argv[0], "/tmp/tern-lab-hops"] + sys.argv[2:]
mls = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mls)
BASE = mls.BASE


def qmp(sock_path, proc):
    s = socket.socket(socket.AF_UNIX)
    for _ in range(200):
        try:
            s.connect(sock_path)
            break
        except (ConnectionRefusedError, FileNotFoundError):
            if proc.poll() is not None:
                return None
            time.sleep(0.05)
    f = s.makefile("rw")
    f.readline()

    def cmd(c):
        try:
            f.write(json.dumps(c) + "\n")
            f.flush()
            while True:
                line = f.readline()
                if not line:
                    return None
                reply = json.loads(line)
                if "event" not in reply:
                    return reply
        except (OSError, ValueError):  # the destination exited (a failed load) while we asked
            return None
    cmd({"execute": "qmp_capabilities"})
    return cmd


def hop(src_v, src_args, dst_v, dst_args):
    arch = "ppc64" if any(a.startswith("pseries") for a in src_args) else "aarch64"
    stream = f"/tmp/tern-hop-{os.getpid()}.stream.gz"
    ok, stderr = mls.migrate(src_v, arch, src_args, stream)
    record = {"source": {"qemu": src_v, "args": BASE + src_args}, "destination": {"qemu": dst_v, "args": BASE + dst_args},
              "transport": "file", "hop": "forward", "stream": None}
    if not ok:
        record.update(outcome="source-start-failed", exit=1, stderr=stderr.splitlines())
        return record
    meta = json.load(open(os.path.join(mls.LAB, dst_v, "tern-lab.json")))
    sock = f"/tmp/tern-hop-d-{os.getpid()}.sock"
    if os.path.exists(sock):
        os.unlink(sock)
    d = subprocess.Popen([meta["wrappers"][arch], "-L", meta["firmwareDir"]] + BASE + dst_args +
                         ["-incoming", "defer", "-qmp", f"unix:{sock},server=on,wait=off"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    outcome = None
    try:
        cmd = qmp(sock, d)
        if cmd is None:
            outcome = "destination-start-failed"
        else:
            cmd({"execute": "migrate-incoming", "arguments": {"uri": f"exec:zcat {stream}"}})
            for _ in range(600):
                if d.poll() is not None:
                    break
                r = cmd({"execute": "query-migrate"})
                if r is None:
                    break
                if r.get("return", {}).get("status") == "completed":
                    outcome = "success"
                    cmd({"execute": "quit"})
                    break
                time.sleep(0.05)
        d.wait(timeout=30)
    except subprocess.TimeoutExpired:
        d.kill()
        d.wait()
    err = d.stderr.read().splitlines()
    if outcome is None:
        outcome = "destination-crashed" if d.returncode < 0 else "load-failed"
    record.update(outcome=outcome, exit=d.returncode, stderr=err)
    os.unlink(stream)
    return record


def hops():
    versions = ["5.2", "7.2", "10.0.2", "10.0.13"]
    pairs = [(a, b) for a, b in itertools.product(versions, versions)]
    for a, b in pairs:
        for m in ["5.2", "7.2"]:
            if "5.2" in (a, b) and m != "5.2":
                continue
            for cpu in [None, "POWER8", "POWER9", "POWER10", "power9_v2.0"]:
                args = ["-machine", f"pseries-{m}", "-m", "256"] + (["-cpu", cpu] if cpu else [])
                yield a, args, b, args
            for cpu in [None, "cortex-a57", "cortex-a72", "cortex-a53", "max", "neoverse-n1"]:
                args = ["-machine", f"virt-{m}", "-m", "256"] + (["-cpu", cpu] if cpu else [])
                yield a, args, b, args
    for v in ["7.2", "10.0.13"]:
        m = "pseries-7.2"
        for cap in ["cap-cfpc=broken", "cap-cfpc=fixed", "cap-sbbc=fixed", "cap-ibs=fixed-ccd", "cap-large-decr=off",
                    "cap-ccf-assist=off", "cap-nested-hv=on", "cap-fwnmi=off", "cap-ail-mode-3=off", "cap-hpt-max-page-size=16M"]:
            yield v, ["-machine", f"{m},{cap}", "-m", "256"], v, ["-machine", m, "-m", "256"]
            yield v, ["-machine", m, "-m", "256"], v, ["-machine", f"{m},{cap}", "-m", "256"]
        for src, dst in [("POWER9", "POWER8"), ("POWER10", "POWER9"), ("POWER10", "POWER8"), ("POWER8", "POWER9")]:
            for compat in ["power8", "power9"]:
                yield v, ["-machine", f"{m},max-cpu-compat={compat}", "-m", "256", "-cpu", src], v, ["-machine", m, "-m", "256", "-cpu", dst]
                yield v, ["-machine", m, "-m", "256", "-cpu", src], v, ["-machine", f"{m},max-cpu-compat={compat}", "-m", "256", "-cpu", dst]
        yield v, ["-machine", m, "-m", "256"], v, ["-machine", m, "-m", "512"]


def more_hops():
    """A second round: caps and compat modes across versions, aliases, other machine types and CPUs."""
    versions = ["5.2", "7.2", "10.0.2", "10.0.13"]
    for a, b in itertools.product(versions, versions):
        if a == b:
            continue
        m = "pseries-5.2" if "5.2" in (a, b) else "pseries-7.2"
        for cap in ["cap-cfpc=broken", "cap-ibs=fixed-ccd", "cap-large-decr=off", "cap-fwnmi=off"]:
            yield a, ["-machine", f"{m},{cap}", "-m", "256", "-cpu", "power9_v2.0"], b, ["-machine", f"{m},{cap}", "-m", "256", "-cpu", "power9_v2.0"]
        for cpu, compat in [("POWER9", "power8"), ("POWER10", "power9"), ("POWER8", "power8")]:
            args = ["-machine", f"{m},max-cpu-compat={compat}", "-m", "256", "-cpu", cpu]
            yield a, args, b, args
        yield a, ["-machine", "pseries", "-m", "256"], b, ["-machine", "pseries", "-m", "256"]
        yield a, ["-machine", "virt", "-m", "256", "-cpu", "cortex-a57"], b, ["-machine", "virt", "-m", "256", "-cpu", "cortex-a57"]
        for vm in ["virt-4.2", "virt-2.12"]:
            for cpu in ["cortex-a57", "max"]:
                args = ["-machine", vm, "-m", "256", "-cpu", cpu]
                yield a, args, b, args
        for pm in ["pseries-4.2", "pseries-3.1"]:
            args = ["-machine", pm, "-m", "256"]
            yield a, args, b, args
    for v in ["10.0.2", "10.0.13"]:
        for src, dst in [("POWER10", "POWER11"), ("POWER11", "POWER10"), ("power9_v2.2", "power9_v2.0"), ("power9_v2.0", "power9_v2.2")]:
            yield v, ["-machine", "pseries-10.0", "-m", "256", "-cpu", src], v, ["-machine", "pseries-10.0", "-m", "256", "-cpu", dst]
            yield v, ["-machine", "pseries-10.0,max-cpu-compat=power9", "-m", "256", "-cpu", src], v, ["-machine", "pseries-10.0,max-cpu-compat=power9", "-m", "256", "-cpu", dst]
        for cap in ["cap-dawr1=off", "cap-nested-papr=on", "cap-ail-mode-3=off", "cap-sbbc=workaround"]:
            yield v, ["-machine", f"pseries-10.0,{cap}", "-m", "256"], v, ["-machine", "pseries-10.0", "-m", "256"]
            yield v, ["-machine", "pseries-10.0", "-m", "256"], v, ["-machine", f"pseries-10.0,{cap}", "-m", "256"]


def third_hops():
    """A third round: several vCPUs, other RAM sizes, CPU properties and machine types shared by the 10.0 builds."""
    versions = ["5.2", "7.2", "10.0.2", "10.0.13"]
    for a, b in itertools.product(versions, versions):
        m = "5.2" if "5.2" in (a, b) else "7.2"
        for extra in [["-smp", "2"], ["-m", "1G"]]:
            yield a, ["-machine", f"pseries-{m}", "-m", "256", "-cpu", "power9_v2.0"] + extra, b, ["-machine", f"pseries-{m}", "-m", "256", "-cpu", "power9_v2.0"] + extra
            yield a, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "cortex-a57"] + extra, b, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "cortex-a57"] + extra
        yield a, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "max,pmu=off"], b, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "max,pmu=off"]
        yield a, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "cortex-a15"], b, ["-machine", f"virt-{m}", "-m", "256", "-cpu", "cortex-a15"]
    for a, b in itertools.product(["10.0.2", "10.0.13"], ["10.0.2", "10.0.13"]):
        for m in ["pseries-8.2", "pseries-9.2", "pseries-6.2"]:
            yield a, ["-machine", m, "-m", "256"], b, ["-machine", m, "-m", "256"]
        for m in ["virt-8.2", "virt-9.2", "virt-6.2"]:
            for cpu in ["max", "neoverse-n1", "cortex-a76"]:
                yield a, ["-machine", m, "-m", "256", "-cpu", cpu], b, ["-machine", m, "-m", "256", "-cpu", cpu]


def main():
    done = set()
    if os.path.exists(OUT):
        for line in open(OUT):
            r = json.loads(line)
            done.add(json.dumps([r["source"], r["destination"]], sort_keys=True))
    with open(OUT, "a") as out:
        for a, sargs, b, dargs in itertools.chain(hops(), more_hops(), third_hops()):
            key = json.dumps([{"qemu": a, "args": BASE + sargs}, {"qemu": b, "args": BASE + dargs}], sort_keys=True)
            if key in done:
                continue
            done.add(key)
            r = hop(a, sargs, b, dargs)
            r["case"] = f"lab-{a}-to-{b}-" + "-".join(x for x in sargs if not x.startswith("-") and x != "256")
            out.write(json.dumps(r, sort_keys=True) + "\n")
            out.flush()
            print(r["case"], "→", "-".join(x for x in dargs if not x.startswith("-") and x != "256"), r["outcome"],
                  next((l for l in r["stderr"] if "warning" not in l), ""), flush=True)


if __name__ == "__main__":
    main()
