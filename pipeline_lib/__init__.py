"""mlops-pipeline: from a pushed Keras/scikit-learn script to a model that meets its target."""

__version__ = "0.1.0"
__all__ = ["__version__"]
