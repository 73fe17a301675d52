"""The reference stack's limiter on the same policies, for tests/Benchmarks/limiter-vs-builtin.sh.

Flask with flask-limiter (Debian's python3-flask-limiter, in-memory storage, moving window), run
under gunicorn: 10 per minute on calibration, 30 per minute on batch prediction, and the shared
50 per hour and 200 per day on both. The client is the first X-Forwarded-For address, as the
service keys it behind a loopback proxy. Each gunicorn worker counts on its own.
"""
from flask import Flask, jsonify, request
from flask_limiter import Limiter

app = Flask(__name__)


def client_address():
    forwarded = request.headers.get("X-Forwarded-For")
    return forwarded.split(",")[0].strip() if forwarded else request.remote_addr


limiter = Limiter(client_address, app=app, strategy="moving-window", storage_uri="memory://", headers_enabled=True)
shared = limiter.shared_limit("50 per hour; 200 per day", scope="default")


@app.get("/api/session/health")
def health():
    return jsonify(status="ok")


@app.post("/api/session/calib_validation")
@shared
@limiter.limit("10 per minute")
def calibrate():
    return jsonify(detail=f"No samples in {len(request.form)} fields."), 400


@app.post("/api/session/batch_predict")
@shared
@limiter.limit("30 per minute")
def batch_predict():
    request.get_data()
    return jsonify(detail="No calibration."), 400
