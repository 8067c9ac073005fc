# -*- coding: utf-8 -*-
# A small workload whose profile exercises every marshal form a real .prof file uses: recursion
# (nc != cc), builtins and methods ('~' keys), a generator, a non-ASCII function name (TYPE_UNICODE /
# TYPE_INTERNED), and, through make_fixtures.sh, a file path over 255 bytes (TYPE_ASCII).
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def squares(n):
    for i in range(n):
        yield i * i

def 函数(items):
    return sorted(items, key=len)

def main():
    total = 0
    for i in range(12):
        total += fact(i) + len(list(squares(i)))
        is_even(i)
    words = [str(w) for w in range(20)]
    words.append("x" * 3)
    函数(words)
    return total

main()
