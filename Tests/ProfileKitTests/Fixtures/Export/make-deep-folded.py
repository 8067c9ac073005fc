# Writes deep.folded: 400 random stacks from a fixed linear congruential generator (high bits only:
# the low bits of an LCG repeat with a short period).
seed = 12345


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return (seed >> 16) % n


names = ["parse", "eval", "apply", "lookup", "<lambda>", "<method 'append' of 'list' objects>", "json.dumps", "fact"]
lines = []
for i in range(400):
    depth = 1 + rnd(12) + rnd(12)
    frames = ["main"] + [names[rnd(len(names)) if d > 1 else rnd(3)] for d in range(depth)]
    lines.append(";".join(frames) + " " + str(1 + rnd(5000)))
open("deep.folded", "w").write("\n".join(lines) + "\n")
