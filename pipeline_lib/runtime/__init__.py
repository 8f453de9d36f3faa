"""Code that runs inside the training environment (the worker and its hooks).

Imports TensorFlow and scikit-learn lazily: only the worker process pays for them.
"""
