"""Container images: recipes, builds (online and offline) and the ``mlops images`` commands."""

from pipeline_lib.containers.recipes import RECIPES, ImageRecipe, recipe_for

__all__ = ["RECIPES", "ImageRecipe", "recipe_for"]
