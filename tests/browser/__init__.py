"""Tests in headless Chromium, and the HTML checker and axe-core."""
