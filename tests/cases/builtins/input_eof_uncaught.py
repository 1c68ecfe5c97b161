# input() with stdin at EOF (the runner gives no stdin) raises EOFError;
# uncaught, it is reported like any exception and the exit code is 1.
# stdout printed before the error must still appear.
print("before")
input()
