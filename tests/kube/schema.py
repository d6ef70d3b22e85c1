"""Checks Kubernetes YAML against the official Python client's models, strictly.

Each document is turned into its model (V1Pod, V1Deployment, V1Service, V1ConfigMap) with
client-side validation on, so a missing required field or a bad enum fails; then serialized
back, and every field of the input must come back: a field the API does not know is dropped
by the client, so it shows up as missing. Exit 0 when every document passes, else 1 with one
line per problem. Usage: python3 schema.py FILE.yaml
"""
import json
import sys

import yaml
from kubernetes import client

MODELS = {
    ("v1", "Pod"): "V1Pod",
    ("apps/v1", "Deployment"): "V1Deployment",
    ("v1", "Service"): "V1Service",
    ("v1", "ConfigMap"): "V1ConfigMap",
}


def missing(want, got, path):
    """Paths present in want but not in got."""
    out = []
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [path]
        for k, v in want.items():
            if k not in got:
                out.append(f"{path}.{k}")
            else:
                out.extend(missing(v, got[k], f"{path}.{k}"))
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [path]
        for i, (w, g) in enumerate(zip(want, got)):
            out.extend(missing(w, g, f"{path}[{i}]"))
    return out


def main():
    config = client.Configuration()
    config.client_side_validation = True
    api = client.ApiClient(configuration=config)
    problems = []
    with open(sys.argv[1]) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if not docs:
        problems.append("no documents")
    for d in docs:
        key = (d.get("apiVersion"), d.get("kind"))
        name = f"{key[1]}/{d.get('metadata', {}).get('name')}"
        model = MODELS.get(key)
        if model is None:
            problems.append(f"{name}: unknown apiVersion/kind {key}")
            continue
        try:
            # YAML reads an RFC 3339 time (creationTimestamp) as a datetime; the API takes text.
            text = json.dumps(d, default=lambda o: o.isoformat())
            obj = api.deserialize(text, model, "application/json")
        except Exception as e:  # the client raises ValueError and TypeError
            problems.append(f"{name}: {e}")
            continue
        back = api.sanitize_for_serialization(obj)
        problems.extend(f"{name}: unknown field {p}" for p in missing(d, back, ""))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
