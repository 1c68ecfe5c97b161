# A NameError without a close match gets no suggestion, and a bare name
# statement gets no caret line.
#
print("start")
undefined_thing_xyz
