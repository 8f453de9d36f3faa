"""Tests of the containers issue: images, the Docker executor and its sandbox, executor choice."""
