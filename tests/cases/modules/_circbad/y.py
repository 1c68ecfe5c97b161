from _circbad.x import X
Y = 2
