from _circbad.y import Y
X = 1
