#!/usr/bin/env python3
"""make-batch.py: question files for `tern check --batch`.

  make-batch.py repeated N OUT   N lines cycling over a few real questions (a fleet asking the same things)
  make-batch.py distinct N OUT   N different lines: ordered (source, destination) pairs of a mix of
                                 configurations (QEMU versions, machine types, CPU models, caps, memory
                                 sizes), each pair once; the configurations themselves recur across
                                 pairs, as the VMs and hosts of a fleet do.
"""
import itertools
import json
import random
import sys

PPC_VERSIONS = ["7.2", "10.0.2", "10.0.13"]
PPC_MACHINES = ["pseries-5.2", "pseries-7.2"]
PPC_CPUS = [None, "power9_v2.0", "power9_v2.2", "power8_v2.0"]
PPC_PROPS = ["", ",cap-cfpc=broken", ",max-cpu-compat=power8"]
VIRT_VERSIONS = ["5.2", "7.2", "10.0.2", "10.0.13"]
VIRT_MACHINES = ["virt-5.2", "virt-7.2"]
VIRT_CPUS = [None, "cortex-a57", "cortex-a15"]
MEMORY = ["", " -m 256"]


def spec(version, machine, cpu, props, memory):
    s = f"qemu-{version} -machine {machine}{props} -accel tcg{memory}"
    return s + (f" -cpu {cpu}" if cpu else "")


def configurations():
    ppc = [spec(*c) for c in itertools.product(PPC_VERSIONS, PPC_MACHINES, PPC_CPUS, PPC_PROPS, MEMORY)]
    arm = [spec(*c, "", m) for c in itertools.product(VIRT_VERSIONS, VIRT_MACHINES, VIRT_CPUS) for m in MEMORY]
    return ppc, arm


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("repeated", "distinct"):
        sys.exit(__doc__)
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ppc, arm = configurations()
    rng = random.Random(42)
    if kind == "repeated":
        few = [(ppc[0], ppc[len(ppc) // 2]), (ppc[3], ppc[3]), (arm[0], arm[-1]), (arm[2], arm[2])]
        pairs = (few[i % len(few)] for i in range(n))
    else:
        everything = [(s, d) for group in (ppc, arm) for s, d in itertools.product(group, group)]
        rng.shuffle(everything)
        if n > len(everything):
            sys.exit(f"only {len(everything)} distinct pairs can be made; ask for fewer")
        pairs = everything[:n]
    with open(out, "w", encoding="utf-8") as f:
        for s, d in pairs:
            f.write(json.dumps({"source": s, "destination": d}) + "\n")


if __name__ == "__main__":
    main()
