import statistics as st
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data), st.pstdev(data), st.stdev(data), st.variance(data))
print(st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.fmean([1, 2]), st.multimode("aabbc"))
try:
    st.mean([])
except st.StatisticsError as e:
    print(e)
