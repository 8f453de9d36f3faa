# Customer segmentation with KMeans on generated data.
import matplotlib.pyplot as plt
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.preprocessing import StandardScaler

X, _ = make_blobs(n_samples=600, centers=4, n_features=2, cluster_std=1.0, random_state=7)
X = StandardScaler().fit_transform(X)

kmeans = KMeans(n_clusters=3, n_init=10, random_state=0)
labels = kmeans.fit_predict(X)
print("inertia:", kmeans.inertia_)

plt.scatter(X[:, 0], X[:, 1], c=labels, s=8)
plt.title("Customer segments")
plt.show()
