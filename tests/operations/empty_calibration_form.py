"""Writes a url-encoded calibration form with every field valid but no samples (argv[1]).

The limiter benchmarks send it: an admitted request ends in a 400 after the limiter, so what is
measured is the limiter's path, not a calibration.
"""
import json
import sys
import urllib.parse

form = {"file_name": "x", "from_ruxailab": False, "k": 2, "screen_width": 1000, "screen_height": 600,
        "model": "Linear Regression", "fixed_circle_iris_points": [], "calib_circle_iris_points": []}
with open(sys.argv[1], "w") as out:
    out.write(urllib.parse.urlencode({key: json.dumps(value) for key, value in form.items()}))
