from sklearn.cluster import KMeans


def segmenter(k):
    return KMeans(n_clusters=k, n_init=10)
