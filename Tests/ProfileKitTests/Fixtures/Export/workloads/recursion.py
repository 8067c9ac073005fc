def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def main():
    total = 0
    for i in range(40):
        total += fact(i % 20)
        total += fib(12)
        total += is_even(i * 3)
    return total

main()
