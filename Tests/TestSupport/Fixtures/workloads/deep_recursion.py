# Direct recursion 800 deep, and a recursive generator.
import sys
sys.setrecursionlimit(5000)

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def tree(n):
    if n:
        yield n
        yield from tree(n - 1)

for _ in range(20):
    depth(800)
sum(tree(200))
