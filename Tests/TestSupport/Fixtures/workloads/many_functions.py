# Thousands of distinct functions in many pseudo-files, calling each other in a fixed pattern.
import random

rng = random.Random(1234)
MODULES = 40
PER_MODULE = 80
namespace = {}
for m in range(MODULES):
    lines = []
    for f in range(PER_MODULE):
        callees = []
        if f + 1 < PER_MODULE:
            callees.append("m%d_f%d" % (m, f + 1))
        if m + 1 < MODULES and f % 7 == 0:
            callees.append("m%d_f%d" % (m + 1, rng.randrange(PER_MODULE)))
        body = "".join("    %s(depth - 1)\n" % c for c in callees) or "    pass\n"
        lines.append("def m%d_f%d(depth):\n    if depth <= 0:\n        return\n%s" % (m, f, body))
    code = compile("\n".join(lines), "/srv/game/generated/module_%03d.py" % m, "exec")
    exec(code, namespace)

for start in range(MODULES):
    namespace["m%d_f0" % start](6)
