# Mutual recursion: even/odd, and a three-function cycle a -> b -> c -> a.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def a(n):
    return n if n <= 0 else b(n - 1)

def b(n):
    return c(n) + 0

def c(n):
    return a(n - 1)

for i in range(60):
    is_even(i)
    a(i)
